import { After, Status } from '@cucumber/cucumber';
import type { WsWorld } from '../world';
import type { NamedClient } from '../world/named-client';
import { firstTimeInThisLibrary } from '../support-library';
import { NOT_CONNECTED_PREFIX } from './results';

/**
 * A client whose last attempt never got TCP (or TLS) up: the server was not there to be judged. A
 * failure after TCP was up (a reset, a silent server, a refused handshake) is the server's answer.
 */
export function neverReachedServer(named: NamedClient): boolean {
  const last = named.lastAttempt;
  return last !== undefined && !last.ok && !named.tcpEstablished;
}

export function describeUnreached(named: NamedClient): string {
  const last = named.lastAttempt;
  const error = last && !last.ok ? last.error : undefined;
  return error ? `"${named.name}" could not reach the target: ${error.code} (${error.message})` : `"${named.name}" could not reach the target`;
}

/**
 * Mark a failed case whose clients never reached the server, so that its verdict is ERROR (the case
 * could not run) instead of FAILED, and no finding is drawn from it.
 */
export function registerUnreachedClientHook(): void {
  if (!firstTimeInThisLibrary('conformance-unreached-clients')) return;
  // Only the pack's own features: other runs load these steps too, and their reports are not ours.
  After({ name: 'wsbdd conformance: note clients that never reached the server', tags: '@conformance' }, async function (this: WsWorld, { result }) {
    if (result?.status !== Status.FAILED) return;
    const unreached = this.clientNames().map((name) => this.client(name)).filter(neverReachedServer);
    if (unreached.length === 0) return;
    await this.attach(`${NOT_CONNECTED_PREFIX}${unreached.map(describeUnreached).join('; ')}`, 'text/plain');
  });
}
