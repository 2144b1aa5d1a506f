/**
 * permessage-deflate (RFC 7692) from the client's side: offers written from parameters, and the server's
 * answer judged against them (sections 5, 7.1.1 and 7.1.2).
 */

/** One offer's parameters. Window bits are 8-15; `true` for client_max_window_bits offers it without a value. */
export interface DeflateOffer {
  serverNoContextTakeover?: boolean;
  clientNoContextTakeover?: boolean;
  serverMaxWindowBits?: number;
  clientMaxWindowBits?: number | true;
}

/** What was agreed, for both directions. Window bits are 15 where the answer set no limit. */
export interface PerMessageDeflateTerms {
  /** The server compresses every message on its own, so no window is carried between its messages. */
  serverNoContextTakeover: boolean;
  /** Ours go out each on its own: the server asked for it, or the accepted offer promised it. */
  clientNoContextTakeover: boolean;
  serverMaxWindowBits: number;
  clientMaxWindowBits: number;
  /** The answer's parameters in the server's order, as "name" or "name=value", for reports and assertions. */
  parameters: string[];
}

interface Parameter {
  name: string;
  value: string | undefined;
}

/** The parameters of one Sec-WebSocket-Extensions element ("name; a; b=1"), names lower case, quotes removed. */
export function elementParameters(element: string): Parameter[] {
  return element
    .split(';')
    .slice(1)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals === -1) return { name: part.toLowerCase(), value: undefined };
      const raw = part.slice(equals + 1).trim();
      const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
      return { name: part.slice(0, equals).trim().toLowerCase(), value };
    });
}

const WINDOW_BITS = /^(?:8|9|1[0-5])$/;
const NAMES = ['server_no_context_takeover', 'client_no_context_takeover', 'server_max_window_bits', 'client_max_window_bits'];

/** The Sec-WebSocket-Extensions element of an offer, parameters in RFC 7692's order. */
export function formatDeflateOffer(offer: DeflateOffer = {}): string {
  const parts = ['permessage-deflate'];
  if (offer.clientMaxWindowBits !== undefined) {
    parts.push(offer.clientMaxWindowBits === true ? 'client_max_window_bits' : `client_max_window_bits=${offer.clientMaxWindowBits}`);
  }
  if (offer.serverMaxWindowBits !== undefined) parts.push(`server_max_window_bits=${offer.serverMaxWindowBits}`);
  if (offer.clientNoContextTakeover) parts.push('client_no_context_takeover');
  if (offer.serverNoContextTakeover) parts.push('server_no_context_takeover');
  return parts.join('; ');
}

/**
 * Reads parameters written as in the header ("client_max_window_bits=10; server_no_context_takeover"),
 * strictly: the four of RFC 7692, each once, windows 8-15. Returns the offer, or what is wrong with it.
 */
export function parseDeflateParameters(text: string): DeflateOffer | string {
  const offer: DeflateOffer = {};
  const seen = new Set<string>();
  for (const { name, value } of elementParameters(`permessage-deflate; ${text}`)) {
    if (!NAMES.includes(name)) return `unknown permessage-deflate parameter "${name}" (known: ${NAMES.join(', ')})`;
    if (seen.has(name)) return `permessage-deflate parameter ${name} appears more than once`;
    seen.add(name);
    const problem = valueProblem(name, value, name === 'client_max_window_bits');
    if (problem) return problem;
    if (name === 'server_no_context_takeover') offer.serverNoContextTakeover = true;
    else if (name === 'client_no_context_takeover') offer.clientNoContextTakeover = true;
    else if (name === 'server_max_window_bits') offer.serverMaxWindowBits = Number(value);
    else offer.clientMaxWindowBits = value === undefined ? true : Number(value);
  }
  return offer;
}

function valueProblem(name: string, value: string | undefined, valueOptional: boolean): string | undefined {
  if (name.endsWith('_no_context_takeover')) {
    return value === undefined ? undefined : `permessage-deflate parameter ${name} takes no value, got "${value}"`;
  }
  if (value === undefined && valueOptional) return undefined;
  if (value === undefined || !WINDOW_BITS.test(value)) {
    return `permessage-deflate parameter ${name} needs a value from 8 to 15, got ${value === undefined ? 'none' : `"${value}"`}`;
  }
  return undefined;
}

/** An offer as the client sent it, read leniently: a custom offer may carry anything. */
function readOffer(element: string): Map<string, string | undefined> {
  const offer = new Map<string, string | undefined>();
  for (const { name, value } of elementParameters(element)) if (!offer.has(name)) offer.set(name, value);
  return offer;
}

/** Why the answer does not accept this offer (RFC 7692 7.1.1.1-7.1.2.2), or undefined when it does. */
function misfit(offer: Map<string, string | undefined>, answer: Map<string, string | undefined>): string | undefined {
  if (offer.has('server_no_context_takeover') && !answer.has('server_no_context_takeover')) {
    return 'server_no_context_takeover was offered but not answered';
  }
  const serverBits = answer.get('server_max_window_bits');
  const offeredServerBits = offer.get('server_max_window_bits');
  if (offer.has('server_max_window_bits')) {
    if (serverBits === undefined) return `server_max_window_bits=${offeredServerBits} was offered but not answered`;
    if (offeredServerBits !== undefined && Number(serverBits) > Number(offeredServerBits)) {
      return `server_max_window_bits=${serverBits} is larger than the ${offeredServerBits} offered`;
    }
  }
  if (answer.has('client_max_window_bits')) {
    if (!offer.has('client_max_window_bits')) return 'client_max_window_bits was not offered';
    const offeredClientBits = offer.get('client_max_window_bits');
    const clientBits = answer.get('client_max_window_bits');
    if (offeredClientBits !== undefined && Number(clientBits) > Number(offeredClientBits)) {
      return `client_max_window_bits=${clientBits} is larger than the ${offeredClientBits} offered`;
    }
  }
  return undefined;
}

function bits(value: string | undefined): number {
  return value === undefined || !WINDOW_BITS.test(value) ? 15 : Number(value);
}

/**
 * Judges the server's permessage-deflate element against the offers: every parameter known, none
 * repeated, values well formed, and the whole an acceptance of at least one offer (the first that fits,
 * in the order of preference they were sent in). Returns the terms, or what is wrong with the answer.
 */
export function negotiatePerMessageDeflate(offered: string[], answer: string): PerMessageDeflateTerms | string {
  const answered = new Map<string, string | undefined>();
  const parameters: string[] = [];
  for (const { name, value } of elementParameters(answer)) {
    if (!NAMES.includes(name)) return `unknown permessage-deflate parameter ${name}`;
    if (answered.has(name)) return `permessage-deflate parameter ${name} appears more than once`;
    const problem = valueProblem(name, value, false);
    if (problem) return problem;
    answered.set(name, value);
    parameters.push(value === undefined ? name : `${name}=${value}`);
  }
  const offers = offered.map(readOffer);
  const misfits: string[] = [];
  let accepted: Map<string, string | undefined> | undefined;
  for (const offer of offers) {
    const why = misfit(offer, answered);
    if (why === undefined) {
      accepted = offer;
      break;
    }
    misfits.push(why);
  }
  if (accepted === undefined) {
    if (misfits.length <= 1) return `permessage-deflate parameter ${misfits[0] ?? 'answer without an offer'}`;
    return `permessage-deflate answer accepts none of the ${misfits.length} offers: ${misfits.map((why, i) => `offer ${i + 1}: ${why}`).join('; ')}`;
  }
  // A window or takeover the client offered to keep to is kept to even when the server did not ask for it.
  const promisedBits = accepted.get('client_max_window_bits');
  return {
    serverNoContextTakeover: answered.has('server_no_context_takeover'),
    clientNoContextTakeover: answered.has('client_no_context_takeover') || accepted.has('client_no_context_takeover'),
    serverMaxWindowBits: bits(answered.get('server_max_window_bits')),
    clientMaxWindowBits: Math.min(bits(answered.get('client_max_window_bits')), bits(promisedBits)),
    parameters,
  };
}
