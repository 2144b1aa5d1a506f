import type { CloseEvent } from '../client/types';
import { clientContext, describeClose } from './describe';
import type { Comparison } from './errors';
import type { NamedClient } from './named-client';
import type { WaitFailure } from './wait';

/**
 * The close after which nothing more can come for this client: its last connection closed, no
 * connection attempt is under way and no reconnect is coming. Undefined while something still may.
 */
export function finalClose(named: NamedClient): CloseEvent | undefined {
  const client = named.client;
  if (!client || client.state !== 'closed' || client.reconnectPending) return undefined;
  return named.connections[named.connections.length - 1]?.close;
}

/**
 * The `impossible` of a wait for something that comes on a client's connection: once that connection
 * has closed for good, waiting out the time would only delay the verdict. The failure says what the
 * wait was for (`before`, the end of "was closed before ...") and how the connection closed, then what
 * the client saw and `more` (hints of the step's own failure message); it keeps the expected/actual of
 * the wait's own failure (`compare`).
 */
export function closedBefore(
  named: NamedClient,
  before: string | (() => string),
  options: { compare?: () => Comparison | string; more?: () => string } = {},
): () => WaitFailure | undefined {
  return () => {
    const close = finalClose(named);
    if (!close) return undefined;
    const compared = options.compare?.() ?? {};
    const what = typeof before === 'string' ? before : before();
    return {
      message: `"${named.name}" was closed before ${what}: ${describeClose(close)}\n${clientContext(named)}${options.more?.() ?? ''}`,
      ...(typeof compared === 'string' ? {} : { expected: compared.expected, actual: compared.actual }),
    };
  };
}
