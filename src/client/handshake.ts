import type { Socket } from 'node:net';
import { ClientError } from './errors';
import type { BuiltRequest } from './handshake-request';
import { type Negotiated, validateHandshakeResponse } from './handshake-validate';
import { completeBody, bodyFraming, MAX_ERROR_BODY } from './response-body';
import { quoteReceived, ResponseHeadReader } from './response-head';
import type { HandshakeResponse } from './types';

/** How long a refused handshake waits for the rest of its body after the head, at most. */
export const ERROR_BODY_WAIT_MS = 500;

export type HandshakeOutcome =
  | { ok: true; response: HandshakeResponse; negotiated: Negotiated; rest: Buffer }
  | { ok: false; error: ClientError };

export interface HandshakeAttempt {
  result: Promise<HandshakeOutcome>;
  abort(): void;
}

/**
 * Send the request and read the answer on an open socket. On success the socket is handed back paused,
 * with `rest` holding any bytes that followed the head in the same read (frames sent right after the 101).
 * On failure the caller destroys the socket.
 */
export function runHandshake(socket: Socket, built: BuiltRequest, timeoutMs: number): HandshakeAttempt {
  let settle!: (outcome: HandshakeOutcome) => void;
  const result = new Promise<HandshakeOutcome>((resolve) => (settle = resolve));
  const reader = new ResponseHeadReader();
  const deadline = Date.now() + timeoutMs;
  let settled = false;
  let received = 0;
  let refused: { response: HandshakeResponse; body: Buffer[]; size: number } | undefined;
  let bodyTimer: NodeJS.Timeout | undefined;

  const finish = (outcome: HandshakeOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    clearTimeout(bodyTimer);
    socket.off('data', onData);
    socket.off('end', onEnd);
    socket.off('close', onEnd);
    socket.off('error', onError);
    if (outcome.ok) socket.pause();
    settle(outcome);
  };
  const fail = (kind: 'handshake' | 'timeout' | 'connect' | 'tls' | 'usage', code: string, message: string, cause?: unknown): void =>
    finish({ ok: false, error: new ClientError({ kind, code, message, cause }) });

  /** A non-101 answer: report it with whatever body has arrived, bounded. */
  const finishRefused = (body: Buffer): void => {
    if (!refused) return;
    refused.response.body = body.length > MAX_ERROR_BODY ? body.subarray(0, MAX_ERROR_BODY) : body;
    const verdict = validateHandshakeResponse(built.request, built.key, refused.response);
    if (verdict instanceof ClientError) finish({ ok: false, error: verdict });
  };
  const collectBody = (chunk: Buffer): void => {
    if (!refused) return;
    refused.body.push(chunk);
    refused.size += chunk.length;
    const bytes = Buffer.concat(refused.body);
    const done = completeBody(bodyFraming(refused.response), bytes);
    if (done) finishRefused(done);
    else if (refused.size >= MAX_ERROR_BODY) finishRefused(bytes);
  };

  function onData(chunk: Buffer): void {
    received += chunk.length;
    if (refused) return collectBody(chunk);
    const head = reader.push(chunk);
    if (head.status === 'partial') return;
    if (head.status === 'error') return finish({ ok: false, error: head.error });
    if (head.response.statusCode !== 101) {
      refused = { response: head.response, body: [], size: 0 };
      const wait = Math.max(0, Math.min(ERROR_BODY_WAIT_MS, deadline - Date.now()));
      bodyTimer = setTimeout(() => finishRefused(Buffer.concat(refused?.body ?? [])), wait);
      return collectBody(head.rest);
    }
    const verdict = validateHandshakeResponse(built.request, built.key, head.response);
    if (verdict instanceof ClientError) return finish({ ok: false, error: verdict });
    finish({ ok: true, response: head.response, negotiated: verdict, rest: head.rest });
  }
  function onEnd(): void {
    if (refused) return finishRefused(Buffer.concat(refused.body));
    if (received === 0) fail('handshake', 'no-response', 'the server closed the connection without answering the handshake');
    else fail('handshake', 'bad-response', `the server closed the connection in the middle of the handshake response; received ${quoteReceived(reader.receivedText)}`);
  }
  function onError(error: Error): void {
    if (refused) return finishRefused(Buffer.concat(refused.body));
    const code = (error as NodeJS.ErrnoException).code ?? 'socket-error';
    // TLS 1.3 lets a server reject the client's certificate after the client considers TLS established.
    const kind = /^ERR_(SSL|TLS)_/.test(code) ? 'tls' : 'connect';
    fail(kind, code, `connection failed during the handshake: ${error.message}`, error);
  }

  const timer = setTimeout(() => {
    if (refused) return finishRefused(Buffer.concat(refused.body));
    const what = received === 0 ? 'no answer' : `an incomplete answer (received ${quoteReceived(reader.receivedText)})`;
    fail('timeout', 'handshake-timeout', `${what} to the opening handshake within ${timeoutMs} ms`);
  }, timeoutMs);

  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', onError);
  socket.write(built.request.head);

  return {
    result,
    abort: () => fail('usage', 'aborted', 'the handshake was abandoned by close() or terminate()'),
  };
}
