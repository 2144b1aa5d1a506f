/** What the server's permessage-deflate answer means for reading its messages (RFC 7692 section 7.1). */
export interface PerMessageDeflateTerms {
  /** The server compresses every message on its own, so no window is carried between messages. */
  serverNoContextTakeover: boolean;
}

interface Parameter {
  name: string;
  value: string | undefined;
}

function parameters(element: string): Parameter[] {
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

/**
 * Judges the server's permessage-deflate element against the offers (RFC 7692 sections 5, 7.1.1 and
 * 7.1.2): every parameter known, none repeated, window sizes 8-15, and client_max_window_bits only when
 * the client offered it. Returns the terms, or what is wrong with the answer.
 */
export function negotiatePerMessageDeflate(offered: string[], answer: string): PerMessageDeflateTerms | string {
  const seen = new Set<string>();
  const terms: PerMessageDeflateTerms = { serverNoContextTakeover: false };
  const offeredClientWindow = offered.some((element) => parameters(element).some((p) => p.name === 'client_max_window_bits'));
  for (const { name, value } of parameters(answer)) {
    if (seen.has(name)) return `permessage-deflate parameter ${name} appears more than once`;
    seen.add(name);
    switch (name) {
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        if (value !== undefined) return `permessage-deflate parameter ${name} takes no value, got "${value}"`;
        if (name === 'server_no_context_takeover') terms.serverNoContextTakeover = true;
        break;
      case 'server_max_window_bits':
      case 'client_max_window_bits':
        if (name === 'client_max_window_bits' && !offeredClientWindow) {
          return 'permessage-deflate parameter client_max_window_bits was not offered';
        }
        if (value === undefined || !WINDOW_BITS.test(value)) {
          return `permessage-deflate parameter ${name} needs a value from 8 to 15, got ${value === undefined ? 'none' : `"${value}"`}`;
        }
        break;
      default:
        return `unknown permessage-deflate parameter ${name}`;
    }
  }
  return terms;
}
