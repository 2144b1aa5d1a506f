import { namedRows } from '../step-args';
import { resolveClientUrl } from '../config';
import {
  assertConnected,
  assertFailedWithError,
  assertFailedWithStatus,
  assertResponseHeader,
  assertResponseStatus,
  assertSubprotocol,
  assertTcpEstablished,
  connectOrFail,
  tryConnect,
} from '../connecting';
import { positiveInterval } from '../duration';
import { compileRegex } from '../regex';
import { withPatternDeadline } from '../../patterns';
import type { StepGroup } from '../registry';
import type { WsWorld } from '../../world';

/** A full URL given for a client is checked at once, so a typo fails the step that wrote it. */
export function clientUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) resolveClientUrl('ws://localhost/', url);
  return url;
}

async function connectedClient(world: WsWorld, name: string, url?: string): Promise<void> {
  const named = world.clientNames().includes(name) ? world.client(name) : world.defineClient(name);
  if (url !== undefined) {
    named.assertConfigurable(`choosing its URL`);
    named.setup.url = clientUrl(url);
  }
  await connectOrFail(world, named);
}

export const connectSteps: StepGroup = {
  id: 'connect',
  title: 'Setting up and connecting clients',
  steps: [
    {
      keyword: 'Given',
      pattern: 'a client {string}',
      example: 'Given a client "alice"',
      summary: 'Creates a client that connects to the target (the mock server when no target is configured).',
      run: (w, a) => w.defineClient(a.string(0)),
    },
    {
      keyword: 'Given',
      pattern: 'a client {string} for {string}',
      example: 'Given a client "alice" for "/chat"',
      summary:
        'Creates a client for a path joined onto the target\'s path ("/echo" on ws://h/api/v1 is ws://h/api/v1/echo, leading slash or not), or for a full ws:// or wss:// URL.',
      run: (w, a) => w.defineClient(a.string(0), clientUrl(a.string(1))),
    },
    {
      keyword: 'Given',
      pattern: '{string} sends the headers:',
      example: 'Given "alice" sends the headers:',
      argument: { kind: 'table', example: '| Cookie   | session=abc |\n| OtherKey | values      |' },
      summary:
        'Adds handshake headers (name | value; repeated names allowed). A header named here replaces the one the client would generate (Host, Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version...).',
      run: (w, a) => {
        const named = w.client(a.string(0));
        named.assertConfigurable('its headers');
        named.setup.headers.push(...namedRows(a.rows(), 'headers'));
      },
    },
    {
      keyword: 'Given',
      pattern: '{string} sets the origin {string}',
      example: 'Given "alice" sets the origin "https://example.test"',
      summary: 'Sends an Origin header in the handshake.',
      run: (w, a) => {
        const named = w.client(a.string(0));
        named.assertConfigurable('its origin');
        named.setup.origin = a.string(1);
      },
    },
    {
      keyword: 'Given',
      pattern: '{string} offers the subprotocols {string}',
      example: 'Given "alice" offers the subprotocols "chat, superchat"',
      summary: 'Offers these subprotocols (comma-separated, in order of preference) in Sec-WebSocket-Protocol.',
      run: (w, a) => {
        const named = w.client(a.string(0));
        named.assertConfigurable('its subprotocols');
        named.setup.protocols = a.string(1).split(',').map((p) => p.trim()).filter((p) => p !== '');
      },
    },
    {
      keyword: 'Given',
      pattern: '{string} sends pings every {duration}',
      example: 'Given "alice" sends pings every 500 ms',
      summary: 'Sends a heartbeat ping at this interval (above 0) while connected.',
      run: (w, a) => {
        const named = w.client(a.string(0));
        named.assertConfigurable('its ping interval');
        named.setup.pingIntervalMs = positiveInterval(a.duration(1), `"${named.name}" pinging`);
      },
    },
    {
      keyword: 'Given',
      pattern: '{string} does not answer pings',
      example: 'Given "alice" does not answer pings',
      summary:
        "The client (created if needed) leaves the server's pings unanswered (no pong), like a client whose heartbeat stopped; it still records them.",
      run: (w, a) => {
        const name = a.string(0);
        const named = w.clientNames().includes(name) ? w.client(name) : w.defineClient(name);
        named.assertConfigurable('not answering pings');
        named.setup.ignorePings = true;
      },
    },
    {
      keyword: 'Given',
      pattern: '{string} sends binary frames by default',
      example: 'Given "alice" sends binary frames by default',
      summary: 'Messages sent with `sends "..."` go out as binary frames.',
      run: (w, a) => w.client(a.string(0)).setDefaultType('binary'),
    },
    {
      keyword: 'Given',
      pattern: '{string} sends text frames by default',
      example: 'Given "alice" sends text frames by default',
      summary: 'Messages sent with `sends "..."` go out as text frames (the default).',
      run: (w, a) => w.client(a.string(0)).setDefaultType('text'),
    },
    {
      keyword: 'Given',
      pattern: '{string} reconnects {duration} after an unexpected close',
      example: 'Given "alice" reconnects 1 second after an unexpected close',
      summary: 'Reconnects by itself this long after any close it did not ask for (server close, drop, error).',
      run: (w, a) => {
        const named = w.client(a.string(0));
        named.assertConfigurable('its reconnect policy');
        named.setup.reconnectDelayMs = a.duration(1);
      },
    },
    {
      keyword: 'When',
      pattern: '{string} connects',
      example: 'When "alice" connects within 2 seconds',
      waits: true,
      summary:
        'Connects; the step fails when the TCP connection or the handshake fails, or (with "within") when TCP and the handshake together take longer.',
      run: (w, a) => connectOrFail(w, w.client(a.string(0)), a.within),
    },
    {
      keyword: 'Given',
      pattern: '{string} is connected',
      example: 'Given "alice" is connected',
      summary: 'Creates the client if needed and connects it.',
      run: (w, a) => connectedClient(w, a.string(0)),
    },
    {
      keyword: 'Given',
      pattern: '{string} is connected to {string}',
      example: 'Given "alice" is connected to "/chat"',
      summary: 'Creates the client for a path (joined onto the target\'s path, leading slash or not) or URL and connects it.',
      run: (w, a) => connectedClient(w, a.string(0), a.string(1)),
    },
    {
      keyword: 'When',
      pattern: '{string} tries to connect',
      example: 'When "alice" tries to connect',
      summary: 'Connects without failing the step; later steps check the outcome.',
      run: async (w, a) => {
        await tryConnect(w, w.client(a.string(0)));
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should be connected',
      example: 'Then "alice" should be connected',
      summary: 'The client is connected right now.',
      run: (w, a) => assertConnected(w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: 'the TCP connection of {string} should be established',
      example: 'Then the TCP connection of "alice" should be established',
      summary: 'The last attempt got a TCP (and TLS) connection, whatever happened to the handshake.',
      run: (w, a) => assertTcpEstablished(w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: '{string} should fail to connect with status {int}',
      example: 'Then "alice" should fail to connect with status 401',
      summary: 'The last attempt was refused with this HTTP status.',
      run: (w, a) => assertFailedWithStatus(w.client(a.string(0)), a.int(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should fail to connect with error {string}',
      example: 'Then "alice" should fail to connect with error "ECONNREFUSED"',
      summary:
        'The last attempt failed with this error code (ECONNREFUSED, ENOTFOUND, bad-accept, bad-status, bad-upgrade, bad-subprotocol, handshake-timeout...) or kind (connect, timeout, tls, handshake).',
      run: (w, a) => assertFailedWithError(w.client(a.string(0)), a.string(1)),
    },
    {
      keyword: 'Then',
      pattern: 'the handshake response of {string} should have status {int}',
      example: 'Then the handshake response of "alice" should have status 101',
      summary: 'The HTTP status of the last handshake response.',
      run: (w, a) => assertResponseStatus(w.client(a.string(0)), a.int(1)),
    },
    {
      keyword: 'Then',
      pattern: 'the handshake response of {string} should have the header {string} with value {string}',
      example: 'Then the handshake response of "alice" should have the header "Upgrade" with value "websocket"',
      summary: 'A header of the last handshake response (name case-insensitive) has exactly this value.',
      run: (w, a) => {
        const expected = a.string(2);
        assertResponseHeader(w.client(a.string(0)), a.string(1), { describe: `= ${JSON.stringify(expected)}`, ok: (v) => v === expected }, w.secrets);
      },
    },
    {
      keyword: 'Then',
      pattern: 'the handshake response of {string} should have the header {string} matching {string}',
      example: 'Then the handshake response of "alice" should have the header "Sec-WebSocket-Accept" matching "^[A-Za-z0-9+/]+=*$"',
      summary: 'A header of the last handshake response matches this regular expression.',
      run: (w, a) => {
        const pattern = compileRegex(a.string(2));
        const ok = (value: string) => withPatternDeadline(Date.now() + w.timeout(), () => pattern.test(value));
        assertResponseHeader(w.client(a.string(0)), a.string(1), { describe: `matching /${pattern.source}/`, ok }, w.secrets);
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should use the subprotocol {string}',
      example: 'Then "alice" should use the subprotocol "chat"',
      summary: 'The server chose this subprotocol.',
      run: (w, a) => assertSubprotocol(w.client(a.string(0)), a.string(1)),
    },
  ],
};
