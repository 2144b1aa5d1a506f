import type { WebSocketClient } from '../client/client';
import type { ClientError } from '../client/errors';
import { clientContext, describeError } from './describe';
import { badArgument, StepError, StepErrorCode, type StepErrorCodeValue } from './errors';
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

/**
 * Runs a client call and hands back what it returned with the first error the client reported while
 * it ran: a refused send is reported synchronously, so this is the refusal itself, kind and code as
 * the client gave them.
 */
export function withReportedError<T>(named: NamedClient, call: () => T): { result: T; error: ClientError | undefined } {
  const before = named.errors.length;
  const result = call();
  return { result, error: named.errors[before] };
}

/** A usage error of the client is the scenario's; any other refusal means the connection could not take it. */
function stepCodeFor(error: ClientError | undefined): StepErrorCodeValue {
  return error?.kind === 'usage' ? StepErrorCode.Usage : StepErrorCode.NotConnected;
}

/** The step failure for a client call that refused `what`, naming the client's own error. */
export function refusedBy(named: NamedClient, what: string, error: ClientError | undefined): StepError {
  const why = error ? `: ${describeError(error)}` : '';
  const message = `"${named.name}" could not send ${what}${why}\n${clientContext(named, { unconsumed: false })}`;
  return new StepError(stepCodeFor(error), message, error ? { cause: error } : undefined);
}

/** Run a send; the client answers false (and reports why) when it refused or the connection stopped carrying data. */
export function sendOrFail(named: NamedClient, what: string, send: (client: WebSocketClient) => boolean): void {
  const client = openClient(named);
  const { result, error } = withReportedError(named, () => send(client));
  if (!result) throw refusedBy(named, what, error);
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
