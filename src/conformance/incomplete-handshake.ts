import type { WsWorld } from '../world';
import { tryConnect } from '../world/connecting';
import { badArgument } from '../world/errors';
import type { NamedClient } from '../world/named-client';

/**
 * Headers a client handshake must carry (RFC 6455 4.1) that a step may leave out, to see whether the
 * server refuses the incomplete request (4.2.1). Host is not among them: an HTTP/1.1 server refuses a
 * request without it for HTTP reasons, which says nothing about its WebSocket code.
 */
export const OMITTABLE_HEADERS = ['Upgrade', 'Connection', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version'] as const;

/**
 * One connection attempt with a required header missing altogether (which a header table cannot say:
 * an empty cell still sends the header, with an empty value). The outcome is kept on the client, as
 * "tries to connect" keeps it, so the usual "should fail to connect ..." steps judge it.
 */
export async function tryConnectWithout(world: WsWorld, named: NamedClient, header: string): Promise<void> {
  const name = OMITTABLE_HEADERS.find((candidate) => candidate.toLowerCase() === header.trim().toLowerCase());
  if (!name) throw badArgument(`the header "${header}" cannot be left out; use one of: ${OMITTABLE_HEADERS.join(', ')}`);
  if (named.setup.headers.some(([set]) => set.toLowerCase() === name.toLowerCase())) {
    throw badArgument(`"${named.name}" sends its own ${name} header, so it cannot also leave it out`);
  }
  named.assertConfigurable(`leaving out the ${name} header`);
  const timeoutMs = world.settings.timeoutMs;
  const client = named.ensureClient({
    url: await world.urlFor(named),
    tls: world.settings.tls,
    connectTimeoutMs: timeoutMs,
    handshakeTimeoutMs: timeoutMs,
    closeTimeoutMs: timeoutMs,
  });
  // The client builds its request from its options at connect time; tryConnect reuses this client.
  client.options.omitHeaders = [...(client.options.omitHeaders ?? []), name];
  await tryConnect(world, named);
}
