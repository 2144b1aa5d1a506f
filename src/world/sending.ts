import type { WebSocketClient } from '../client/client';
import { clientContext } from './describe';
import { badArgument, StepError, StepErrorCode } from './errors';
import type { NamedClient } from './named-client';

/** The open client, or a clear error saying why it cannot send. */
export function openClient(named: NamedClient): WebSocketClient {
  const client = named.client;
  if (!client) {
    throw new StepError(StepErrorCode.NotConnected, `"${named.name}" has not connected (use: When "${named.name}" connects)`);
  }
  if (client.state !== 'open') {
    throw new StepError(StepErrorCode.NotConnected, `"${named.name}" cannot send: it is not connected\n${clientContext(named, { unconsumed: false })}`);
  }
  return client;
}

/** Run a send; the client answers false (and reports an error) when the connection stopped carrying data. */
export function sendOrFail(named: NamedClient, what: string, send: (client: WebSocketClient) => boolean): void {
  const client = openClient(named);
  if (!send(client)) {
    throw new StepError(StepErrorCode.NotConnected, `"${named.name}" could not send ${what}\n${clientContext(named, { unconsumed: false })}`);
  }
}

/** JSON text from a doc string, checked and sent compact. */
export function jsonText(doc: string): string {
  try {
    return JSON.stringify(JSON.parse(doc));
  } catch (error) {
    throw badArgument(`the doc string is not valid JSON: ${(error as Error).message}`);
  }
}

export function fragmentCount(count: number): number {
  if (!Number.isInteger(count) || count < 1) throw badArgument(`cannot send a message in ${count} fragments: use 1 or more`);
  return count;
}
