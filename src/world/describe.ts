import { performance } from 'node:perf_hooks';
import type { ClientError } from '../client/errors';
import type { CloseEvent, FrameEvent } from '../client/types';
import { opcodeName } from '../protocol/constants';
import { REDACTED, type Redactor } from '../secrets/redact';
import { describeClosePayload, previewPayload } from '../report/preview';
import { frameMark } from '../report/rows';
import type { InboxControl, InboxMessage } from './inbox';
import type { NamedClient } from './named-client';
import { byteCount } from './plural';

const PREVIEW = { limit: 60 };
const SHOWN_MESSAGES = 5;

/**
 * What a wait was for, in the failure attachment. One shape for every receive step (only the keys the
 * step uses are set), so that tools comparing failures need not know each step.
 */
export interface AwaitedArrival {
  kind: 'text message' | 'binary message' | 'JSON message' | 'message' | 'ping' | 'pong';
  /** Text, or for bytes their hex preview. */
  equals?: string;
  matches?: string;
  length?: number;
  containing?: unknown;
  /** A JSON subset whose arrays need only include the expected elements. */
  including?: unknown;
  where?: string;
  is?: unknown;
  payload?: string;
  count?: number;
  within?: string;
  /** A JSON Schema (file or doc string), or a message of the contract by name, and the reply's correlation id. */
  schema?: string;
  message?: string;
  correlationId?: unknown;
}

/**
 * A received message, ping or pong as the failure attachment shows it: text decoded (cut like the
 * failure message, never quoted or escaped, so that the JSON of the attachment escapes it once), bytes
 * that are not text as hex.
 */
export interface ArrivalPreview {
  type: 'text' | 'binary' | 'ping' | 'pong';
  length: number;
  preview: string;
}

export function previewArrival(entry: Pick<InboxMessage, 'data' | 'binary'> | Pick<InboxControl, 'kind' | 'payload'>): ArrivalPreview {
  if ('payload' in entry) return { type: entry.kind, length: entry.payload.length, preview: decodedPreview(entry.payload, 'auto') };
  const type = entry.binary ? 'binary' : 'text';
  return { type, length: entry.data.length, preview: decodedPreview(entry.data, type) };
}

/** The payload as text when it is text (cut at the preview limit, marked with "…"), else as hex. */
function decodedPreview(payload: Buffer, kind: 'text' | 'binary' | 'auto'): string {
  const shown = previewPayload(payload, kind, PREVIEW);
  if (!shown.startsWith('"')) return shown;
  const characters = [...payload.subarray(0, PREVIEW.limit * 4).toString('utf8').replace(/\uFFFD+$/, '')];
  const text = characters.slice(0, PREVIEW.limit).join('');
  return shown.endsWith('…') ? `${text}…` : text;
}

/** What had arrived and was still unmatched when a wait gave up, next to its `AwaitedArrival`. */
export interface Unmatched {
  state: string;
  /** All of them; `unmatched` lists the first few. */
  received: number;
  unmatched: ArrivalPreview[];
  /** How the connection ended, when the client is closed: the wait may have ended because of it. */
  close?: Pick<CloseEvent, 'code' | 'reason' | 'initiatedBy' | 'clean'>;
}

export function unmatched(named: NamedClient, pending: ReadonlyArray<InboxMessage | InboxControl>): Unmatched {
  const found: Unmatched = { state: clientState(named), received: pending.length, unmatched: pending.slice(0, SHOWN_MESSAGES).map(previewArrival) };
  const close = named.client?.state === 'closed' ? named.client.lastClose : undefined;
  if (close) found.close = { code: close.code, reason: close.reason, initiatedBy: close.initiatedBy, clean: close.clean };
  return found;
}

/**
 * `text "hello"` / `text {"type":"pong"}` / `binary 3 bytes: 01 02 ff`, for failure messages. A JSON
 * text is shown as its JSON, not as a quoted string of it (one level of escaping is enough to read).
 */
export function describeMessage(message: Pick<InboxMessage, 'data' | 'binary'>): string {
  const preview = previewPayload(message.data, message.binary ? 'binary' : 'text', PREVIEW);
  if (message.binary) return `binary ${byteCount(message.data.length)}: ${preview}`;
  const json = jsonShown(message.data);
  return `text ${json ?? preview}`;
}

/** A text message that is a JSON object or array, as one line of JSON cut at the preview limit. */
function jsonShown(data: Buffer): string | undefined {
  const first = data.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  if (first !== 0x7b && first !== 0x5b) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
  const text = JSON.stringify(value);
  const characters = [...text];
  return characters.length > PREVIEW.limit ? `${characters.slice(0, PREVIEW.limit).join('')}…` : text;
}

function clientState(named: NamedClient): string {
  return named.client?.state ?? 'not connected yet';
}

export function describeFrame(event: FrameEvent, now = performance.now(), listed: ReadonlyArray<Pick<InboxMessage, 'data'>> = []): string {
  const ago = `${Math.round(now - event.time)} ms ago`;
  const frame = event.frame;
  if (!frame) return `${byteCount(event.raw?.length ?? 0)} raw (${ago})`;
  const flags = [frame.fin ? 'fin' : 'no fin', frame.rsv1 && 'rsv1', frame.rsv2 && 'rsv2', frame.rsv3 && 'rsv3', frame.masked && 'masked']
    .filter(Boolean)
    .join(' ');
  const sameAs = frame.fin && !frame.rsv1 && (frame.opcode === 0x1 || frame.opcode === 0x2) ? listed.findIndex((m) => m.data.equals(frame.payload)) : -1;
  const body =
    frame.opcode === 0x8
      ? describeClosePayload(frame.payload, PREVIEW)
      : sameAs >= 0
        ? `${byteCount(frame.payload.length)}: unmatched message ${sameAs + 1} above`
        : `${byteCount(frame.payload.length)} ${previewPayload(frame.payload, frame.opcode === 0x1 ? 'text' : 'auto', PREVIEW)}`;
  const mark = frameMark(event);
  return `${opcodeName(frame.opcode)} (${flags}) ${body}${mark ? ` ${mark}` : ''} (${ago})`;
}

export function describeClose(close: CloseEvent): string {
  const reason = close.reason ? ` "${close.reason}"` : '';
  const how = close.clean ? 'clean close' : close.closeFrameReceived ? 'close frame received, handshake incomplete' : 'no close frame received';
  return `code ${close.code}${reason}, initiated by the ${close.initiatedBy}, ${how}`;
}

export function describeError(error: ClientError): string {
  const status = error.response ? ` (HTTP ${error.response.statusCode} ${error.response.statusMessage})` : '';
  return `${error.kind}/${error.code}: ${error.message}${status}${untrustedCertificateHint(error)}`;
}

/** Node's codes for a server certificate that could not be verified (not for a broken TLS handshake). */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The server's certificate could not be verified: trusting its CA, or skipping verification, would help. */
export function isUntrustedCertificate(error: ClientError): boolean {
  return error.kind === 'tls' && UNTRUSTED_CERTIFICATE.has(error.code);
}

/** How to make wsbdd trust a test server: the settings by name, so nobody has to look them up. */
function untrustedCertificateHint(error: ClientError): string {
  if (!isUntrustedCertificate(error)) return '';
  return (
    '\n  to trust this server, give its CA certificate as tls.ca (world parameter) or WSBDD_CA_FILE (a PEM file);' +
    ' for a test server only, skip verification with tls.insecure: true or WSBDD_INSECURE=1'
  );
}

/** What a client is doing now and what it received lately: the tail of every failure message about it. */
export function clientContext(named: NamedClient, options: { unconsumed?: boolean } = {}): string {
  const lines: string[] = [];
  const state = clientState(named);
  const close = named.client?.lastClose;
  lines.push(`  state of "${named.name}": ${state}${close ? `; last close: ${describeClose(close)}` : ''}`);
  if (options.unconsumed !== false) {
    const pending = named.inbox.unconsumedMessages();
    if (pending.length > 0) {
      lines.push(`  messages received and not matched by an earlier step (${pending.length}):`);
      pending.slice(0, SHOWN_MESSAGES).forEach((message, index) => lines.push(`    ${index + 1}. ${describeMessage(message)}`));
      if (pending.length > SHOWN_MESSAGES) lines.push(`    - ... and ${pending.length - SHOWN_MESSAGES} more`);
    } else lines.push('  no unmatched message received');
  }
  const frames = named.inbox.recentFrames.slice(-SHOWN_MESSAGES);
  if (frames.length > 0) {
    const now = performance.now();
    // A message listed above is not shown a second time: its frame says only which one it is.
    const listed = options.unconsumed !== false ? named.inbox.unconsumedMessages().slice(0, SHOWN_MESSAGES) : [];
    lines.push(`  last ${frames.length} frame(s) received, oldest first:`);
    for (const frame of frames) lines.push(`    - ${describeFrame(frame, now, listed)}`);
  } else lines.push('  no frame received');
  const lastError = named.errors[named.errors.length - 1];
  if (lastError) lines.push(`  last error: ${describeError(lastError)}`);
  return lines.join('\n');
}

/** A header value as it may appear in a failure message: secrets (cookies, credentials) masked. */
export function shownHeaderValue(name: string, value: string, secrets: Redactor): string {
  return secrets.isSecretHeader(name) ? `${REDACTED} (${value.length} chars)` : JSON.stringify(secrets.text(value));
}
