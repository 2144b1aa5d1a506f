import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadedDefinitions, type LoadedDefinition } from './harness';

// The public contract of the step library: the phrases of the issue that introduced it, written the way
// users write them. Renaming a phrase breaks feature files we never see, so each phrase must keep matching
// exactly one step definition, with the arguments read as written ("1.5 s" is 1500 ms). A table or doc
// string step is given by its first line. Aliases may be added; none of these may change.

type Phrase = [text: string, args: unknown[]];

const SETUP_AND_CONNECTING: Phrase[] = [
  ['Given a client "alice"', ['alice']],
  ['Given a client "alice" for "/chat"', ['alice', '/chat']],
  ['Given a client "alice" for "ws://host:port/path"', ['alice', 'ws://host:port/path']],
  ['Given "alice" sends the headers:', ['alice']],
  ['Given "alice" sets the origin "https://example.test"', ['alice', 'https://example.test']],
  ['Given "alice" offers the subprotocols "chat, superchat"', ['alice', 'chat, superchat']],
  ['Given "alice" sends pings every 500 ms', ['alice', 500]],
  ['Given "alice" sends pings every 2 seconds', ['alice', 2000]],
  ['Given "alice" sends binary frames by default', ['alice']],
  ['Given "alice" sends text frames by default', ['alice']],
  ['Given "alice" reconnects 1 second after an unexpected close', ['alice', 1000]],
  ['Given "alice" reconnects 1.5 s after an unexpected close', ['alice', 1500]],
  ['When "alice" connects', ['alice']],
  ['Given "alice" is connected', ['alice']],
  ['Given "alice" is connected to "/chat"', ['alice', '/chat']],
  ['When "alice" tries to connect', ['alice']],
  ['Then "alice" should be connected', ['alice']],
  ['Then the TCP connection of "alice" should be established', ['alice']],
  ['Then "alice" should fail to connect with status 401', ['alice', 401]],
  ...['ECONNREFUSED', 'timeout', 'tls', 'bad-accept', 'bad-status', 'bad-upgrade', 'bad-subprotocol'].map(
    (error): Phrase => [`Then "alice" should fail to connect with error "${error}"`, ['alice', error]],
  ),
  ['Then the handshake response of "alice" should have status 101', ['alice', 101]],
  ['Then the handshake response of "alice" should have the header "X-Name" with value "v"', ['alice', 'X-Name', 'v']],
  ['Then the handshake response of "alice" should have the header "X-Name" matching "regex"', ['alice', 'X-Name', 'regex']],
  ['Then "alice" should use the subprotocol "chat"', ['alice', 'chat']],
];

const SENDING: Phrase[] = [
  ['When "alice" sends "hello"', ['alice', 'hello']],
  ['When "alice" sends the text "hello"', ['alice', 'hello']],
  ['When "alice" sends the bytes "01 02 ff"', ['alice', '01 02 ff']],
  ['When "alice" sends the JSON:', ['alice']],
  ['When "alice" sends "hello" in 3 fragments', ['alice', 'hello', 3]],
  ['When "alice" sends a ping', ['alice']],
  ['When "alice" sends a ping "abc"', ['alice', 'abc']],
  ['When "alice" sends the frame:', ['alice']],
  ['When "alice" sends the raw bytes "81 85 37 fa 21 3d 7f 9f 4d 51 58"', ['alice', '81 85 37 fa 21 3d 7f 9f 4d 51 58']],
];

/**
 * Steps that wait: each is written as is (default timeout) and with a trailing "within <duration>",
 * which must land as the last argument, in milliseconds.
 */
const WAITING: Phrase[] = [
  ['Then "alice" should receive "hello"', ['alice', 'hello']],
  ['Then "alice" should receive a text message matching "^he.*o$"', ['alice', '^he.*o$']],
  ['Then "alice" should receive the bytes "01 02 ff"', ['alice', '01 02 ff']],
  ['Then "alice" should receive a binary message of 1024 bytes', ['alice', 1024]],
  ['Then "alice" should receive a JSON message containing:', ['alice']],
  ['Then "alice" should receive a JSON message where "$.user.name" is "bob"', ['alice', '$.user.name', 'bob']],
  ['Then "alice" should receive a pong', ['alice']],
  ['Then "alice" should receive a pong "abc"', ['alice', 'abc']],
  ['Then "alice" should receive a ping', ['alice']],
  ['Then "alice" should be closed', ['alice']],
  ['Then "alice" should be closed by the server with code 4000', ['alice', 4000]],
  ['Then "alice" should be closed by the server with code 4000 and reason "text"', ['alice', 4000, 'text']],
  ['Then "alice" should be closed cleanly', ['alice']],
  ['Then "alice" should be closed cleanly with code 1000', ['alice', 1000]],
  ['Then "alice" should be disconnected without a close frame', ['alice']],
  ['Then every client "user" should receive "hi"', ['user', 'hi']],
  ['Then the mock server should have received "hello" from "alice"', ['hello', 'alice']],
];

/** Steps whose duration is part of the phrase itself. */
const TIMED: Phrase[] = [
  ['Then "alice" should receive 3 messages within 2 seconds', ['alice', 3, 2000]],
  ['Then "alice" should receive 1 message within 1 second', ['alice', 1, 1000]],
  ['Then "alice" should receive no message within 500 ms', ['alice', 500]],
  ['Then "alice" should receive at least 2 pongs within 1.5 s', ['alice', 2, 1500]],
  ['Then "alice" should reconnect within 2 seconds', ['alice', 2000]],
];

const REMEMBERING_CLOSING_AND_CROWDS: Phrase[] = [
  ['When "alice" remembers the JSON field "$.id" as "orderId"', ['alice', '$.id', 'orderId']],
  ['When "alice" closes', ['alice']],
  ['When "alice" closes with code 4000', ['alice', 4000]],
  ['When "alice" closes with code 1000 and reason "bye"', ['alice', 1000, 'bye']],
  ['When "alice" drops the connection', ['alice']],
  ['When "alice" reconnects', ['alice']],
  ['When "alice" reconnects after 1 second', ['alice', 1000]],
  ['Given 3 clients "user" are connected', [3, 'user']],
  ['When every client "user" sends "hi"', ['user', 'hi']],
];

const MOCK_SERVER: Phrase[] = [
  ['Given the mock server echoes messages', []],
  ['Given the mock server broadcasts messages', []],
  ['Given the mock server replies "pong" to "ping"', ['pong', 'ping']],
  ['Given the mock server sends "welcome" on connect', ['welcome']],
  ['Given the mock server rejects handshakes with status 503', [503]],
  ['Given the mock server requires the header "Cookie" matching "token="', ['Cookie', 'token=']],
  ['Given the mock server selects the subprotocol "chat"', ['chat']],
  ['Given the mock server sends a ping every 200 ms', [200]],
  ['Given the mock server does not answer pings', []],
  ['Given the mock server closes connections after 2 messages with code 4000', [2, 4000]],
  ['Given the mock server drops connections after 3 messages', [3]],
  ['When the mock server sends "news" to every client', ['news']],
  ['When the mock server drops "alice"', ['alice']],
  ['Then the mock server should have received the header "Cookie" with value "a=b" from "alice"', ['Cookie', 'a=b', 'alice']],
];

/** "Then ... containing:" becomes "Then ... containing within 2 seconds:"; other phrases get it at the end. */
function withWithin(phrase: Phrase, duration: string, ms: number): Phrase {
  const [text, args] = phrase;
  const written = text.endsWith(':') ? `${text.slice(0, -1)} within ${duration}:` : `${text} within ${duration}`;
  return [written, [...args, ms]];
}

const withoutKeyword = (text: string) => text.replace(/^(Given|When|Then)\s+/, '');

function checkPhrases(definitions: LoadedDefinition[], phrases: Phrase[]): void {
  for (const [text, expected] of phrases) {
    const step = withoutKeyword(text);
    const matching = definitions.map((d) => ({ d, args: d.expression.match(step) })).filter((m) => m.args !== null);
    assert.equal(matching.length, 1, `${text}: matches ${matching.map((m) => String(m.d.pattern)).join(' | ') || 'no step definition'}`);
    const values = matching[0]!.args!.map((arg) => arg.getValue(null));
    assert.deepEqual(values, expected, `${text}: arguments as read by ${String(matching[0]!.d.pattern)}`);
  }
}

test('setting up and connecting: every phrase of the contract', async () => {
  checkPhrases(await loadedDefinitions(), SETUP_AND_CONNECTING);
});

test('sending: every phrase of the contract', async () => {
  checkPhrases(await loadedDefinitions(), SENDING);
});

test('waiting steps: every phrase as is, and with "within" in every duration form', async () => {
  const forms: Array<[string, number]> = [['500 ms', 500], ['2 seconds', 2000], ['1 second', 1000], ['1.5 s', 1500]];
  const phrases = WAITING.flatMap((phrase) => [phrase, ...forms.map(([text, ms]) => withWithin(phrase, text, ms))]);
  checkPhrases(await loadedDefinitions(), phrases);
});

test('steps with their own duration, remembering, closing, reconnecting and crowds', async () => {
  checkPhrases(await loadedDefinitions(), [...TIMED, ...REMEMBERING_CLOSING_AND_CROWDS]);
});

test('the embedded mock server: every phrase of the contract', async () => {
  checkPhrases(await loadedDefinitions(), MOCK_SERVER);
});

test('duration units in any case: "2 Seconds" reads like "2 seconds"', async () => {
  checkPhrases(await loadedDefinitions(), [
    ['Then "alice" should receive "hello" within 2 Seconds', ['alice', 'hello', 2000]],
    ['Given "alice" sends pings every 500 MS', ['alice', 500]],
    ['Given "alice" reconnects 1 Second after an unexpected close', ['alice', 1000]],
    ['Then "alice" should receive no message within 1.5 S', ['alice', 1500]],
  ]);
});

test('a phrase the contract does not have matches nothing (the check above can fail)', async () => {
  const definitions = await loadedDefinitions();
  for (const text of ['Then "alice" should receive "hello" in 2 seconds', 'When "alice" sends hello', 'Then "alice" should recieve "hello"']) {
    assert.equal(definitions.filter((d) => d.expression.match(withoutKeyword(text)) !== null).length, 0, text);
  }
});
