import type { WsWorld } from '../world';
import { describeClose, describeError, describeMessage } from '../world/describe';
import { assertionFailed, StepError, StepErrorCode } from '../world/errors';
import type { NamedClient } from '../world/named-client';
import { headerValues } from '../client/header-rules';
import { NON_STRICT_PREFIX, OBSERVATION_PREFIX } from './results';
import { byteCount } from '../world/plural';

/** How long "the outcome ... is reported" waits for the server to answer, unless told otherwise. */
export const DEFAULT_OBSERVATION_MS = 1000;

/**
 * Attach what the server did, for the report. @informational scenarios pass whatever the server
 * does; the observation is their result, and reports/conformance.md lists it.
 */
export function observe(world: WsWorld, text: string): void {
  void world.attach(`${OBSERVATION_PREFIX}${text}`, 'text/plain');
}

/**
 * The server did what the RFC requires but not what it recommends: the step passes, and the case's
 * verdict becomes NON-STRICT with this note as the reason.
 */
export function noteNonStrict(world: WsWorld, text: string): void {
  void world.attach(`${NON_STRICT_PREFIX}${text}`, 'text/plain');
}

/** Report the answer to the last connection attempt; fails only when no HTTP answer came at all. */
export function reportHandshakeOutcome(world: WsWorld, named: NamedClient): void {
  const last = named.lastAttempt;
  if (!last) throw new StepError(StepErrorCode.Usage, `"${named.name}" has not tried to connect yet (use: When "${named.name}" tries to connect)`);
  if (last.ok) {
    const protocol = last.open.protocol ? `, subprotocol "${last.open.protocol}"` : '';
    observe(world, `the handshake was accepted (HTTP ${last.open.response.statusCode}${protocol})`);
    return;
  }
  const response = last.error.response;
  if (!response) throw assertionFailed(`"${named.name}" got no HTTP answer to report: ${describeError(last.error)}`);
  const versions = headerValues(response.headers, 'Sec-WebSocket-Version');
  const versionNote = versions.length > 0 ? `, Sec-WebSocket-Version: ${versions.join(', ')}` : '';
  const verdict = response.statusCode === 101 ? `a 101 the client refused (${last.error.code})` : `HTTP ${response.statusCode} ${response.statusMessage}`;
  observe(world, `the handshake was answered with ${verdict}${versionNote}`);
}

/** Wait for the server's first reaction (a message, a pong or a close) and report it; never fails on what it sees. */
export async function reportOutcome(world: WsWorld, named: NamedClient, withinMs: number | undefined): Promise<void> {
  const waitMs = withinMs ?? DEFAULT_OBSERVATION_MS;
  let seen: string | undefined;
  try {
    seen = await world.waitFor(
      () => {
        const message = named.inbox.unconsumedMessages()[0];
        if (message) return `the server answered with a message: ${describeMessage(message)}`;
        const pong = named.inbox.unconsumed('pong')[0];
        if (pong) return `the server answered with a pong of ${byteCount(pong.payload.length)}`;
        const close = named.watchedConnection?.close;
        if (close) return `the connection was closed: ${describeClose(close)}`;
        return undefined;
      },
      waitMs,
      () => 'no answer',
    );
  } catch (error) {
    if (!(error instanceof StepError) || error.code !== StepErrorCode.Timeout) throw error;
    seen = `no answer from the server within ${waitMs} ms`;
  }
  observe(world, seen);
}
