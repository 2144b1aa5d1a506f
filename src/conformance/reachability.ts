import { WebSocketClient } from '../client/client';
import type { ClientError } from '../client/errors';
import type { TlsOptions } from '../client/types';
import { isUntrustedCertificate } from '../world/describe';

const CHECK_CLOSE_TIMEOUT_MS = 1000;

export type TargetCheck = { reachable: true } | { reachable: false; code: string; detail: string };

export interface TargetCheckOptions {
  timeoutMs: number;
  tls?: TlsOptions;
}

/**
 * One plain handshake with the target before the pack runs. Every case needs a WebSocket connection,
 * so a target that cannot give one would fail every case for a reason that says nothing about its
 * protocol: no TCP (or TLS), no HTTP answer, or a refusal of a valid handshake (a wrong path, not a
 * WebSocket endpoint). A 101 the client rejects (a wrong accept key, say) is different: that server
 * speaks WebSocket badly, which is what the cases are there to report.
 */
export async function checkTarget(url: string, options: TargetCheckOptions): Promise<TargetCheck> {
  const client = new WebSocketClient({
    url,
    ...(options.tls ? { tls: options.tls } : {}),
    connectTimeoutMs: options.timeoutMs,
    handshakeTimeoutMs: options.timeoutMs,
    // Only a courtesy close: a server slow to finish it must not delay the run.
    closeTimeoutMs: Math.min(options.timeoutMs, CHECK_CLOSE_TIMEOUT_MS),
  });
  let tcpUp = false;
  client.on('tcpConnect', () => {
    tcpUp = true;
  });
  client.on('error', () => {});
  const result = await client.connect();
  if (result.ok) {
    await client.close();
    return { reachable: true };
  }
  client.terminate();
  return unreachable(result.error, tcpUp);
}

function unreachable(error: ClientError, tcpUp: boolean): TargetCheck {
  const status = error.response?.statusCode;
  if (tcpUp && status === 101) return { reachable: true };
  if (status !== undefined) {
    return { reachable: false, code: `HTTP ${status} ${error.response!.statusMessage}`.trim(), detail: 'the target refused a valid WebSocket handshake' };
  }
  // The conformance command takes its TLS settings from the environment only.
  const hint = isUntrustedCertificate(error)
    ? '; to trust this server, set WSBDD_CA_FILE to its CA certificate (a PEM file); for a test server only, WSBDD_INSECURE=1 skips verification'
    : '';
  return { reachable: false, code: error.code, detail: `${error.message}${hint}` };
}

/** "cannot reach target ws://...: ECONNREFUSED (connect to ... failed)", for stderr and the report. */
export function describeUnreachable(url: string, check: Extract<TargetCheck, { reachable: false }>): string {
  return `cannot reach target ${url}: ${check.code} (${check.detail})`;
}
