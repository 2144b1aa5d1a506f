import type { WsWorld } from '../../world';
import { connectGroup, forEvery, type GroupSetup } from '../crowd';
import { assertFanOutPercentile, assertRoundTripPercentile, fanOutReference, recordFanOut, sendMessages } from '../load';
import type { NamedClient } from '../named-client';
import {
  expectedPathValue,
  jsonContaining,
  jsonPathIs,
  parseExpectedJson,
  receiveCount,
  receiveMessage,
  textEquals,
  type JsonExpectation,
  type MessageMatcher,
} from '../receiving';
import type { StepGroup } from '../registry';
import { jsonText, sendOrFail } from '../sending';
import { namedRows } from '../step-args';
import { clientUrl } from './connect';

/** Every client of the group receives a matching message; each arrival is a fan-out latency sample. */
function everyReceives(world: WsWorld, prefix: string, matcher: MessageMatcher, withinMs: number | undefined, json?: JsonExpectation): Promise<void> {
  const group = world.clientGroup(prefix);
  const reference = fanOutReference(world, group);
  return forEvery(group, async (named: NamedClient) => {
    const message = await receiveMessage(world, named, matcher, withinMs, json);
    recordFanOut(world, prefix, reference, message);
  });
}

const CONNECTED = '{int} client(s) {string} are/is connected';

function connect(world: WsWorld, count: number, prefix: string, setup: GroupSetup): Promise<void> {
  return connectGroup(world, prefix, count, { ...setup, path: setup.path === undefined ? undefined : clientUrl(setup.path) });
}

export const crowdSteps: StepGroup = {
  id: 'crowd',
  title: 'Many clients (named "user-1" ... "user-N") and load',
  steps: [
    {
      keyword: 'Given',
      pattern: CONNECTED,
      example: 'Given 1000 clients "user" are connected',
      summary:
        'Creates "user-1" ... "user-1000" and connects them, 100 at a time (the connectConcurrency world parameter, or WSBDD_CONNECT_CONCURRENCY, changes how many); the failure lists the clients that could not connect.',
      run: (w, a) => connect(w, a.int(0), a.string(1), {}),
    },
    {
      keyword: 'Given',
      pattern: `${CONNECTED} {int} at a time`,
      example: 'Given 1000 clients "user" are connected 20 at a time',
      summary: 'The same, with at most this many connecting at the same time.',
      run: (w, a) => connect(w, a.int(0), a.string(1), { concurrency: a.int(2) }),
    },
    {
      keyword: 'Given',
      pattern: `${CONNECTED} to {string}`,
      example: 'Given 1000 clients "user" are connected to "/chat"',
      summary: 'Connects the group to a path joined onto the target (or a full ws:// or wss:// URL), as "a client ... for ..." does.',
      run: (w, a) => connect(w, a.int(0), a.string(1), { path: a.string(2) }),
    },
    {
      keyword: 'Given',
      pattern: `${CONNECTED} with the headers:`,
      example: 'Given 1000 clients "user" are connected with the headers:',
      argument: { kind: 'table', example: '| Authorization | Bearer ${token} |' },
      summary: 'Every client of the group sends these handshake headers (name | value), as "... sends the headers:" does for one.',
      run: (w, a) => connect(w, a.int(0), a.string(1), { headers: namedRows(a.rows(), 'headers') }),
    },
    {
      keyword: 'Given',
      pattern: `${CONNECTED} to {string} with the headers:`,
      example: 'Given 1000 clients "user" are connected to "/chat" with the headers:',
      argument: { kind: 'table', example: '| Authorization | Bearer ${token} |' },
      summary: 'A path and handshake headers for every client of the group.',
      run: (w, a) => connect(w, a.int(0), a.string(1), { path: a.string(2), headers: namedRows(a.rows(), 'headers') }),
    },
    {
      keyword: 'When',
      pattern: 'every client {string} sends {string}',
      example: 'When every client "user" sends "hi"',
      summary: 'Each client of the group sends this message in its default frame type.',
      run: (w, a) => {
        const text = a.string(1);
        return forEvery(w.clientGroup(a.string(0)), (named) => sendOrFail(named, JSON.stringify(text), (c) => c.send(text)));
      },
    },
    {
      keyword: 'When',
      pattern: 'every client {string} sends the JSON:',
      example: 'When every client "user" sends the JSON:',
      argument: { kind: 'doc', example: '"""\n{ "type": "subscribe", "channel": "prices" }\n"""' },
      summary: 'Each client of the group sends the doc string as a text message, after checking that it is JSON.',
      run: (w, a) => {
        const text = jsonText(a.doc());
        return forEvery(w.clientGroup(a.string(0)), (named) => sendOrFail(named, 'the JSON', (c) => c.sendText(text)));
      },
    },
    {
      keyword: 'When',
      pattern: 'every client {string} sends {int} message(s) of {int} byte(s)',
      example: 'When every client "user" sends 100 messages of 64 bytes',
      summary:
        "Each client of the group sends this many messages of this size (the letter x repeated) in its default frame type, all at once; each message's reply, or the next message the client receives, is its round trip.",
      run: (w, a) => forEvery(w.clientGroup(a.string(0)), (named) => sendMessages(named, a.int(1), a.int(2))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} message(s) of {int} byte(s)',
      example: 'When "alice" sends 100 messages of 64 bytes',
      summary: 'The same for one client.',
      run: (w, a) => sendMessages(w.client(a.string(0)), a.int(1), a.int(2)),
    },
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive {string}',
      example: 'Then every client "user" should receive "hi" within 2 seconds',
      waits: true,
      summary:
        'Each client of the group receives this text message; the failure lists every client that did not. Each arrival is a fan-out latency sample, from the last message another client or the mock server sent.',
      run: (w, a) => everyReceives(w, a.string(0), textEquals(a.string(1)), a.within),
    },
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive a JSON message containing:',
      example: 'Then every client "user" should receive a JSON message containing:',
      argument: { kind: 'doc', example: '"""\n{ "type": "price", "channel": "prices" }\n"""' },
      waits: true,
      summary: 'Each client of the group receives a JSON text message containing this, matched as "... should receive a JSON message containing:" does.',
      run: (w, a) => {
        const expected = parseExpectedJson(a.doc());
        return everyReceives(w, a.string(0), jsonContaining(expected), a.within, { subset: expected });
      },
    },
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive a JSON message where {string} is {string}',
      example: 'Then every client "user" should receive a JSON message where "$.type" is "price"',
      waits: true,
      summary: 'Each client of the group receives a JSON text message where the JSONPath selects this value.',
      run: (w, a) => {
        const path = a.string(1);
        return everyReceives(w, a.string(0), jsonPathIs(path, expectedPathValue(a.string(2))), a.within, { path });
      },
    },
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive {int} message(s) within {duration}',
      example: 'Then every client "user" should receive 100 messages within 5 seconds',
      summary: 'Each client of the group receives at least this many messages, of any content (consumed in order).',
      run: (w, a) => forEvery(w.clientGroup(a.string(0)), (named) => receiveCount(w, named, a.int(1), a.duration(2))),
    },
    {
      keyword: 'Then',
      pattern: 'the p{int} round trip of {string} should be below {duration}',
      example: 'Then the p95 round trip of "alice" should be below 50 ms',
      summary:
        'The percentile of the client\'s round trips so far, each sent message to its reply (the next message received, first in first out) and each ping to its pong, is below the limit. It first waits (up to the default timeout) for the answers still due; one that does not come counts as slower than any limit. The figure goes into the reports.',
      run: (w, a) => {
        const name = a.string(1);
        return assertRoundTripPercentile(w, [w.client(name)], `"${name}"`, a.int(0), a.duration(2));
      },
    },
    {
      keyword: 'Then',
      pattern: 'the p{int} round trip of every client {string} should be below {duration}',
      example: 'Then the p95 round trip of every client "user" should be below 50 ms',
      summary: 'The same over the round trips of every client of the group together.',
      run: (w, a) => {
        const prefix = a.string(1);
        return assertRoundTripPercentile(w, w.clientGroup(prefix), `every client "${prefix}"`, a.int(0), a.duration(2));
      },
    },
    {
      keyword: 'Then',
      pattern: 'the p{int} fan-out latency of every client {string} should be below {duration}',
      example: 'Then the p95 fan-out latency of every client "user" should be below 100 ms',
      summary:
        'The percentile of the fan-out latencies the group\'s "every client ... should receive" steps measured (from the last message another client or the mock server sent to each arrival) is below the limit. The figure goes into the reports.',
      run: (w, a) => assertFanOutPercentile(w, a.string(1), a.int(0), a.duration(2)),
    },
  ],
};
