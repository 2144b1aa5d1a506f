import type { MockConnection } from '../mock/connection';
import { headerValues } from '../mock/connection';
import type { MockServer } from '../mock/server';
import type { WsWorld } from '../world';
import { closedBefore } from './closed-before';
import { describeMessage, shownHeaderValue } from './describe';
import { assertionFailed, badArgument, StepError, StepErrorCode } from './errors';
import type { NamedClient } from './named-client';

export function httpStatus(status: number): number {
  if (!Number.isInteger(status) || status < 200 || status > 599 || status === 101) {
    throw badArgument(`${status} is not an HTTP status a handshake can be rejected with (use 200-599, not 101)`);
  }
  return status;
}

/** Codes a server may send (RFC 6455 7.4): what `ws` accepts, so the mock never throws on close. */
export function closeCode(code: number): number {
  const valid = (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
  if (!Number.isInteger(code) || !valid) throw badArgument(`${code} is not a close code a server may send (1000-1014 except 1004-1006, or 3000-4999)`);
  return code;
}

export function closeReason(reason: string): string {
  const bytes = Buffer.byteLength(reason, 'utf8');
  if (bytes > 123) throw badArgument(`a close reason holds at most 123 bytes of UTF-8, this one has ${bytes}`);
  return reason;
}

export function messageCount(count: number): number {
  if (!Number.isInteger(count) || count < 1) throw badArgument(`${count} messages: use 1 or more`);
  return count;
}

/** Connections the mock server saw from a named client (every port it used, across reconnects). */
export function connectionsOf(mock: MockServer, named: NamedClient): MockConnection[] {
  if (named.localPorts.length === 0) {
    throw new StepError(StepErrorCode.Usage, `"${named.name}" has not connected to the mock server (no TCP connection yet)`);
  }
  return mock.connectionsFrom(named.localPorts);
}

export async function dropFromServer(world: WsWorld, named: NamedClient): Promise<void> {
  const mock = await world.useMockServer();
  const connection = connectionsOf(mock, named).filter((c) => c.open).pop();
  if (!connection) throw assertionFailed(`the mock server has no open connection from "${named.name}"`);
  mock.drop(connection, `as the scenario asked`);
}

export async function assertServerGotHeader(world: WsWorld, named: NamedClient, name: string, value: string): Promise<void> {
  const mock = await world.useMockServer();
  const connections = connectionsOf(mock, named);
  const values = connections.flatMap((c) => headerValues(c.request, name));
  if (values.includes(value)) return;
  const seen = values.length === 0 ? `no ${name} header` : `${name}: ${values.map((v) => shownHeaderValue(name, v, world.secrets)).join(', ')}`;
  throw assertionFailed(
    `the mock server did not receive the header ${name} with value ${shownHeaderValue(name, value, world.secrets)} from "${named.name}"; it received ${seen} in ${connections.length} handshake(s)`,
  );
}

export async function assertServerGotMessage(world: WsWorld, named: NamedClient, text: string, withinMs: number | undefined): Promise<void> {
  const mock = await world.useMockServer();
  const expected = Buffer.from(text, 'utf8');
  const received = () => connectionsOf(mock, named).flatMap((c) => c.received);
  const receivedList = () => {
    const all = received();
    return all.length === 0 ? 'nothing' : all.slice(-5).map((m) => describeMessage(m)).join('; ');
  };
  const clientClosed = closedBefore(named, `the mock server received the text message ${JSON.stringify(text)} from it`, {
    more: () => `\n  the mock server received ${receivedList()}`,
  });
  await world.waitFor(
    () => (received().some((m) => !m.binary && m.data.equals(expected)) ? true : undefined),
    world.timeout(withinMs),
    (waited) => `the mock server did not receive the text message ${JSON.stringify(text)} from "${named.name}" within ${waited}; it received ${receivedList()}`,
    // The server reads what was sent before it sees the close, so only its side closing ends the wait.
    { impossible: () => (connectionsOf(mock, named).some((c) => c.open) ? undefined : clientClosed()) },
  );
}
