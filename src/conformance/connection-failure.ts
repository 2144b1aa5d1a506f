import type { ClientError } from '../client/errors';
import type { CloseEvent } from '../client/types';
import type { WsWorld } from '../world';
import { clientContext, describeClose, describeMessage } from '../world/describe';
import { closedConnection } from '../world/closing';
import { assertionFailed } from '../world/errors';
import type { ConnectionRecord, NamedClient } from '../world/named-client';
import { noteNonStrict } from './observing';

/**
 * How a server answered something that obliges it to fail the connection (RFC 6455 7.1.7): it MUST
 * close the connection, and SHOULD send a close frame with a fitting code first. So a close frame with
 * another code, or TCP closed without one, holds the MUST and misses the SHOULD (NON-STRICT, as
 * Autobahn grades "clean close with protocol error code or dropped TCP"); a connection that stays
 * open, or an answer our client had to reject, breaks the MUST.
 */
export type FailureJudgement = { holds: true; shortOfShould?: string } | { holds: false; problem: string };

export interface FailedConnection {
  close: CloseEvent;
  /** Errors the client reported on this connection. */
  errors: readonly ClientError[];
  /**
   * How long after the client's last write the connection ended, when known; told only for a TCP close,
   * since after a close frame the client's last write is its own answer.
   */
  endedAfterMs?: number;
}

function codeList(codes: readonly number[]): string {
  return codes.join(' or ');
}

function after(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 10 ? ` ${ms.toFixed(1)} ms after the client's last frame` : ` ${Math.round(ms)} ms after the client's last frame`;
}

export function judgeConnectionFailure(connection: FailedConnection, codes: readonly number[]): FailureJudgement {
  const { close, errors } = connection;
  const violation = errors.find((e) => e.kind === 'protocol');
  if (violation) {
    const section = violation.rfcSection ? `, RFC 6455 ${violation.rfcSection}` : '';
    return {
      holds: false,
      problem:
        `the server answered with a frame that breaks RFC 6455, so the client failed the connection itself ` +
        `(${violation.code}${section}: ${violation.message})`,
    };
  }
  if (!close.closeFrameReceived && errors.some((e) => e.kind === 'timeout' && e.code === 'close-timeout')) {
    return {
      holds: false,
      problem: 'the server neither answered with a close frame nor closed TCP: the client closed TCP itself when its close timeout ran out',
    };
  }
  if (close.closeFrameReceived && codes.includes(close.code)) return { holds: true };
  if (close.closeFrameReceived) {
    const got = close.code === 1005 ? 'a close frame without a code' : `a close frame with code ${close.code}`;
    return { holds: true, shortOfShould: `the server failed the connection with ${got}, not ${codeList(codes)}` };
  }
  return {
    holds: true,
    shortOfShould: `the server closed TCP without a close frame${after(connection.endedAfterMs)} (RFC 6455 7.1.7: it should send one with ${codeList(codes)} first)`,
  };
}

/** What `judgeConnectionFailure` needs, once the watched connection has closed. */
export function failedConnection(connection: ConnectionRecord & { close: CloseEvent }): FailedConnection {
  const { close, errors, closedAt, lastSentAt } = connection;
  return { close, errors, ...(closedAt !== undefined && lastSentAt !== undefined ? { endedAfterMs: closedAt - lastSentAt } : {}) };
}

/**
 * The server fails the connection: the step passes when the connection ends within the wait, and notes
 * NON-STRICT when it ended without a close frame carrying one of `codes`.
 */
export async function expectConnectionFailed(world: WsWorld, named: NamedClient, codes: number[], withinMs: number | undefined): Promise<void> {
  const connection = await closedConnection(
    world,
    named,
    withinMs,
    (waited) =>
      `the server did not fail the connection of "${named.name}" within ${waited}: it was still open (expected a close frame with code ${codeList(codes)}, or at least a TCP close)\n${clientContext(named)}`,
  );
  const judgement = judgeConnectionFailure(failedConnection(connection), codes);
  const actedOn = named.inbox.unconsumedMessages()[0];
  if (actedOn) {
    throw assertionFailed(
      `the server did not fail the connection of "${named.name}" before acting on what it had to refuse: it sent ${describeMessage(actedOn)} (then ${describeClose(connection.close)})\n${clientContext(named)}`,
    );
  }
  if (!judgement.holds) {
    throw assertionFailed(`the server did not fail the connection of "${named.name}" as RFC 6455 7.1.7 requires: ${judgement.problem}: ${describeClose(connection.close)}\n${clientContext(named)}`);
  }
  if (judgement.shortOfShould) noteNonStrict(world, judgement.shortOfShould);
}
