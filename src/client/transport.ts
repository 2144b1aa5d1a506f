import * as net from 'node:net';
import * as tls from 'node:tls';
import { ClientError } from './errors';
import type { TcpConnectEvent, TlsOptions } from './types';
import type { WebSocketTarget } from './url';

export type TransportResult =
  /**
   * `info` reads the addresses when asked: each is a system call, and a client that nobody asks about its
   * TCP connection (no 'tcpConnect' listener) keeps neither the calls nor the address objects they leave.
   */
  | { ok: true; socket: net.Socket; info: () => TcpConnectEvent }
  | { ok: false; error: ClientError };

/** A transport being opened; abort() ends the attempt and resolves it with a 'usage'/'aborted' error. */
export interface TransportAttempt {
  result: Promise<TransportResult>;
  abort(): void;
}

function errnoCode(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : fallback;
}

/** Stands in for the attempt's error listeners once it settled: an error then is the session's to report. */
function ignoreError(): void {}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function tlsConnectOptions(target: WebSocketTarget, socket: net.Socket, options: TlsOptions): tls.ConnectionOptions {
  // SNI carries host names only (RFC 6066 section 3); the identity check still uses `host` for IP literals.
  const servername = options.servername ?? (net.isIP(target.hostname) === 0 ? target.hostname : undefined);
  return {
    socket,
    host: options.servername ?? target.hostname,
    servername,
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    rejectUnauthorized: options.insecure !== true,
  };
}

/**
 * Open TCP, then TLS for wss://. connectTimeoutMs covers both. Failures before TCP is up are kind 'connect'
 * with node's errno code; failures after it (certificate, TLS alerts, a peer that drops the TLS handshake)
 * are kind 'tls' with node's code.
 */
export function openTransport(
  target: WebSocketTarget,
  tlsOptions: TlsOptions,
  timeoutMs: number,
  lookup?: net.LookupFunction,
): TransportAttempt {
  let settle!: (result: TransportResult) => void;
  const result = new Promise<TransportResult>((resolve) => (settle = resolve));
  let settled = false;
  let phase: 'tcp' | 'tls' = 'tcp';
  let tlsSocket: tls.TLSSocket | undefined;
  let onSecureError: ((error: Error) => void) | undefined;

  const raw = net.connect({ host: target.hostname, port: target.port, ...(lookup ? { lookup } : {}) });
  raw.setNoDelay(true);

  const finish = (outcome: TransportResult): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (!outcome.ok) {
      tlsSocket?.destroy();
      raw.destroy();
    } else {
      // The listeners hold this attempt's whole closure (target, result, timers) for as long as the
      // socket lives: swap them for one that holds nothing (about 1 KiB per open connection).
      raw.off('error', onRawError).on('error', ignoreError);
      if (tlsSocket && onSecureError) tlsSocket.off('error', onSecureError).on('error', ignoreError);
    }
    settle(outcome);
  };
  const fail = (kind: 'connect' | 'tls' | 'timeout' | 'usage', code: string, message: string, cause?: unknown): void =>
    finish({ ok: false, error: new ClientError({ kind, code, message, cause }) });

  const timer = setTimeout(() => {
    const stage = phase === 'tcp' ? 'TCP connect' : 'TLS handshake';
    fail('timeout', 'connect-timeout', `${stage} to ${target.hostname}:${target.port} took longer than ${timeoutMs} ms`);
  }, timeoutMs);

  const onRawError = (error: Error): void => {
    const where = `${target.hostname}:${target.port}`;
    if (phase === 'tcp') fail('connect', errnoCode(error, 'connect-failed'), `connect to ${where} failed: ${describe(error)}`, error);
    else fail('tls', errnoCode(error, 'tls-failed'), `TLS with ${where} failed: ${describe(error)}`, error);
  };
  raw.on('error', onRawError);

  raw.once('connect', () => {
    if (settled) return;
    if (!target.secure) {
      finish({ ok: true, socket: raw, info: () => ({ remoteAddress: raw.remoteAddress, remotePort: raw.remotePort, localPort: raw.localPort }) });
      return;
    }
    phase = 'tls';
    const secure = tls.connect(tlsConnectOptions(target, raw, tlsOptions));
    tlsSocket = secure;
    secure.setNoDelay(true);
    onSecureError = (error: Error): void => {
      fail('tls', errnoCode(error, 'tls-failed'), `TLS with ${target.hostname}:${target.port} failed: ${describe(error)}`, error);
    };
    secure.on('error', onSecureError);
    secure.once('secureConnect', () => {
      const authorizationError = secure.authorizationError ? String(secure.authorizationError) : undefined;
      finish({
        ok: true,
        socket: secure,
        info: () => ({
          remoteAddress: raw.remoteAddress,
          remotePort: raw.remotePort,
          localPort: raw.localPort,
          tls: { protocol: secure.getProtocol(), authorized: secure.authorized, ...(authorizationError ? { authorizationError } : {}) },
        }),
      });
    });
  });

  return {
    result,
    abort: () => fail('usage', 'aborted', 'the connection attempt was abandoned by close() or terminate()'),
  };
}
