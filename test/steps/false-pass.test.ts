import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startRawServer, type RawServer } from '../fixtures/steps-servers/raw-servers';
import { REPO_ROOT, runFeatures, type ScenarioOutcome } from './harness';

// False passes are the worst bug a test harness can have: each of these scenarios must FAIL, in the
// expected step, with a message that says what went wrong.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'steps-false-pass');
const servers: RawServer[] = [];
let outcomes: Map<string, ScenarioOutcome>;
let order: ScenarioOutcome[];

before(async () => {
  const [silent, badAccept, badUpgrade, noAnswer, maskedFrame] = await Promise.all(
    (['silent', 'bad-accept', 'bad-upgrade', 'no-answer', 'masked-frame'] as const).map((misbehaviour) => startRawServer(misbehaviour)),
  );
  servers.push(silent, badAccept, badUpgrade, noAnswer, maskedFrame);
  process.env.WSBDD_FIXTURE_MASKED_FRAME_URL = maskedFrame.url;
  process.env.WSBDD_FIXTURE_SILENT_URL = silent.url;
  process.env.WSBDD_FIXTURE_BAD_ACCEPT_URL = badAccept.url;
  process.env.WSBDD_FIXTURE_BAD_UPGRADE_URL = badUpgrade.url;
  process.env.WSBDD_FIXTURE_NO_ANSWER_URL = noAnswer.url;
  // A short default wait keeps the failing waits fast.
  const run = await runFeatures([FIXTURES], { timeoutMs: 300 });
  assert.equal(run.success, false);
  order = run.scenarios;
  outcomes = new Map(run.scenarios.map((s) => [s.name, s]));
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function expectFailure(name: string, step: RegExp, message: RegExp, status = 'FAILED'): void {
  test(`fails: ${name}`, () => {
    const outcome = outcomes.get(name);
    assert.ok(outcome, `scenario "${name}" did not run`);
    assert.equal(outcome.status, status, `"${name}" should be ${status}, was ${outcome.status}: ${outcome.message}`);
    assert.match(outcome.failedStep ?? '', step);
    assert.match(outcome.message, message);
  });
}

expectFailure('a server that never answers pings fails "should receive a pong"', /should receive a pong/, /"alice" did not receive a pong within 300 ms \(no pong received\)/);
expectFailure('a binary message does not satisfy a text expectation', /should receive "hello"/, /did not receive a text message "hello"[\s\S]*binary 5 bytes: 68 65 6c 6c 6f/);
expectFailure('a text message does not satisfy a bytes expectation', /should receive the bytes/, /did not receive a binary message 68 65 6c 6c 6f[\s\S]*text "hello"/);
expectFailure('a wrong JSON field fails the JSONPath check', /where "\$\.user\.name" is "bob"/, /\$\.user\.name is "alice"/);
expectFailure('a wrong JSON field fails the subset check', /containing/, /at \$\.user\.name, expected "bob", got "alice"/);
expectFailure('a JSON string is not the number it spells', /"\$\.n" is "42"/, /where \$\.n is 42[\s\S]*\$\.n is "42"/);
expectFailure('an array with an extra element does not match', /containing/, /at \$\.items, expected an array of 2 elements, got 3/);
expectFailure('a dropped connection is not a clean close', /closed cleanly/, /the close handshake did not complete: code 1006/);
expectFailure('a clean close is not a drop', /without a close frame/, /a close frame was received: code 4000/);
expectFailure('the wrong close code fails', /with code 4000/, /the code was 4001/);
expectFailure('a close started by the client is not a close by the server', /closed by the server/, /the server did not start the close/);
expectFailure('fewer messages than expected', /2 messages/, /received 1 of the 2 messages expected within 300 ms/);
expectFailure('a message is consumed once', /should receive "once"/, /did not receive a text message "once"[\s\S]*no unmatched message received/);
expectFailure('a message that arrived earlier breaks "no message"', /no message/, /received text "welcome", expected no message/);
expectFailure('one client of the group missing a message fails the group', /every client "user" should receive "hi"/, /2 of 3 clients failed:[\s\S]*"user-1"[\s\S]*"user-3"/);
expectFailure('a client that is not reconnected fails "should reconnect"', /should reconnect/, /"alice" was closed before it reconnected, and no reconnect is coming: code 1006/);
// With 10 s to wait, these would time out the fixture run; each ends at once when the connection is gone.
expectFailure('a receive on a connection the server dropped fails at once', /should receive "x" within 10 seconds/, /"alice" was closed before it received a text message "x": code 1006/);
expectFailure(
  'a JSON receive after the server closed fails at once',
  /where "\$\.a" is "1" within 10 seconds/,
  /"alice" was closed before it received a JSON text message where \$\.a is 1: code 4000, initiated by the server, clean close/,
);
expectFailure('a pong wait on a connection the server dropped fails at once', /a pong within 10 seconds/, /"alice" was closed before it received a pong \(no pong received\): code 1006/);
expectFailure(
  'every client of a group on dropped connections fails at once',
  /every client "user" should receive "hi" within 10 seconds/,
  /2 of 2 clients failed:\n--- "user-1": "user-1" was closed before it received a text message "hi"[\s\S]*--- "user-2": "user-2" was closed before/,
);
expectFailure('a refused client fails "is connected"', /is connected/, /could not connect to ws:\/\/127\.0\.0\.1:\d+\/: handshake\/bad-status.*\(HTTP 403/);
expectFailure('a connection that succeeded fails "should fail to connect"', /fail to connect/, /connected \(HTTP 101\), but was expected to fail to connect with status 401/);
expectFailure('the wrong subprotocol fails', /use the subprotocol/, /uses the subprotocol "chat", expected "superchat"/);
expectFailure('a handshake header with another value fails', /Upgrade/, /has Upgrade: "websocket"; expected Upgrade = "h2c"/);
expectFailure('a message the server did not receive fails', /"goodbye"/, /did not receive the text message "goodbye" from "alice" within 300 ms; it received text "hello"/);
expectFailure('the server does not ping', /a ping/, /did not receive a ping within 300 ms/);
expectFailure('a text message without the text does not satisfy "containing"', /containing "order 42"/, /did not receive a text message containing "order 42"[\s\S]*text "order 41"/);
expectFailure('a binary message with the text\'s bytes does not satisfy a text "containing"', /containing "order 42"/, /did not receive a text message containing "order 42"[\s\S]*binary 8 bytes/);
expectFailure('an object is never matched by a JSONPath pattern', /"\$\.id" matches "\.\*"/, /where \$\.id matches \/\.\*\/[\s\S]*\$\.id is \{"n":1\}/);
expectFailure('a JSONPath value not matching the pattern fails', /matches "\^ord-"/, /where \$\.id matches \/\^ord-\/[\s\S]*\$\.id is "ticket-9"/);
expectFailure('an array without an expected element does not include it', /including/, /at \$\.items, expected the array to include 2, no element matches it/);
expectFailure('one element does not count for two expected ones', /including/, /at \$\.items, expected the array to include \{"b":2\}, the element that matches it is taken by other expected elements/);
expectFailure('a server that does not ping fails "at least N pings"', /at least 1 ping within 300 ms/, /"alice" received 0 ping\(s\) within 300 ms, expected at least 1/);
expectFailure('a file that is not there is not sent', /the file/, /cannot send the file "features\/self\/files\/no-such-file\.txt" \(.*\): there is no such file; nothing was sent/);

test('fails without leaking a cookie: a header the server did not receive', () => {
  const outcome = outcomes.get('a header the server did not receive fails, without leaking the cookie')!;
  assert.equal(outcome.status, 'FAILED');
  assert.match(outcome.message, /did not receive the header Cookie with value \[redacted\] \(13 chars\)/);
  assert.doesNotMatch(outcome.message, /s3cr3t|session=other/);
});

expectFailure('a silent server fails "should receive"', /should receive "hello"/, /did not receive a text message "hello" within 300 ms[\s\S]*no frame received/);
expectFailure('a silent server fails "should receive a pong"', /a pong/, /did not receive a pong/);
expectFailure('a server that never answers the close is not closed cleanly', /closed cleanly/, /the close handshake did not complete/);
expectFailure('a wrong Sec-WebSocket-Accept fails "connects"', /connects/, /bad-accept/);
expectFailure('a server that never answers the handshake fails "connects" in time', /connects/, /handshake-timeout/);
expectFailure(
  'a server that never answers the handshake fails "connects within"',
  /connects within 200 ms/,
  /"alice" (did not connect to ws:\/\/127\.0\.0\.1:\d+\/ within 200 ms: TCP came up, but the server did not answer the handshake|could not connect to .*handshake-timeout)/,
);
expectFailure('a wrong Sec-WebSocket-Accept is not a timeout', /with error "timeout"/, /failed to connect with handshake\/bad-accept: .*, expected error "timeout"/);
expectFailure('a wrong Sec-WebSocket-Accept is not a bad Upgrade', /with error "bad-upgrade"/, /failed to connect with handshake\/bad-accept: .*, expected error "bad-upgrade"/);
expectFailure('a bad Upgrade is not a wrong Sec-WebSocket-Accept', /with error "bad-accept"/, /failed to connect with handshake\/bad-upgrade: expected "Upgrade: websocket", got "h2c".*, expected error "bad-accept"/);

expectFailure('a client ping interval of 0 ms', /sends pings every 0 ms/, /"alice" pinging every 0 ms cannot work: use an interval above 0/);
expectFailure('a mock server ping interval of 0 ms', /sends a ping every 0 ms/, /the mock server pinging every 0 ms cannot work/);
// Both used to pass: the client refused the close and dropped TCP, and the step did not look.
expectFailure('a wait longer than a timer can hold', /no message within 40000 minutes/, /"40000 minutes" is longer than a wait can last/);
expectFailure('a close code that does not fit in 2 bytes', /closes with code 70000/, /^"alice" cannot close with code 70000: a close code is 2 bytes on the wire, 0-65535 .*; nothing was sent/);
expectFailure(
  'a close reason longer than a close frame holds',
  /closes with code 1000 and reason/,
  /^"alice" cannot close with a reason of 124 bytes: .*2 for the code and 123 for the reason; nothing was sent\. To send an oversized close frame on purpose: When "alice" sends a close frame with code 1000 and a reason of 124 bytes/,
);

// Without the check these would fail too, but only after the whole wait and with "did not receive".
const neverConnected = /"alice" is not connected, so it cannot receive anything: it never connected \(use: When "alice" connects\)/;
expectFailure('a client that never tried to connect fails "should receive"', /should receive "hello"/, neverConnected);
expectFailure('a client that never tried to connect fails "should receive no message"', /no message/, neverConnected);
expectFailure(
  'a client whose connection attempt failed fails "should receive a pong"',
  /a pong/,
  /"alice" is not connected, so it cannot receive anything: its connection attempt failed \(connect\/ECONNREFUSED/,
);

expectFailure('an undefined step', /dances the tango/, /^$/, 'UNDEFINED');
expectFailure('an unknown client name', /"carol" sends/, /there is no client "carol" \(the clients are "alice"; create one with: Given a client "carol"\)/);
expectFailure('an unreachable host', /is connected to/, /could not connect to ws:\/\/127\.0\.0\.1:1\/: connect\/ECONNREFUSED/);
expectFailure('a URL that is not a WebSocket URL', /for "http/, /"http:\/\/127\.0\.0\.1:1\/" is not a WebSocket URL/);
expectFailure('an unknown variable', /nobodyRememberedThis/, /unknown variable \$\{nobodyRememberedThis\} \(no variable has been remembered yet\)/);
expectFailure('bad hex', /the bytes "01 0"/, /odd number of hex digits/);

test('the run goes on after every broken scenario', () => {
  for (const name of [
    'the run goes on after an undefined step',
    'the run goes on after an unknown client',
    'the run goes on after an unreachable host',
    'the run goes on at the end',
  ]) {
    assert.equal(outcomes.get(name)?.status, 'PASSED', `${name}: ${outcomes.get(name)?.message}`);
  }
});

test('every fixture scenario was checked', () => {
  const passingOnPurpose = order.filter((s) => s.name.startsWith('the run goes on'));
  assert.equal(order.length - passingOnPurpose.length, 69, `scenarios: ${order.map((s) => s.name).join(' | ')}`);
  for (const outcome of order) {
    if (!outcome.name.startsWith('the run goes on')) assert.notEqual(outcome.status, 'PASSED', `false pass: ${outcome.name}`);
  }
});
expectFailure(
  'a close the client started because the server sent a masked frame is not a close by the server',
  /closed by the server/,
  /the client failed the connection itself, because the server sent a frame that breaks RFC 6455 \(WSBDD_ERR_[A-Z_]+: /,
);
expectFailure(
  'an offer the server leaves unanswered fails "should have negotiated permessage-deflate"',
  /should have negotiated permessage-deflate$/,
  /"alice" did not negotiate permessage-deflate: the server answered no Sec-WebSocket-Extensions to the offer "permessage-deflate"/,
);
expectFailure(
  'an answer without the parameter fails "should have negotiated permessage-deflate with"',
  /negotiated permessage-deflate with/,
  /"alice" negotiated permessage-deflate without server_no_context_takeover: the server answered "permessage-deflate; client_max_window_bits=10"/,
);
expectFailure(
  'an answered parameter with another value fails "should have negotiated permessage-deflate with"',
  /negotiated permessage-deflate with/,
  /"alice" negotiated permessage-deflate without server_max_window_bits=11: the server answered "permessage-deflate; server_max_window_bits=12"/,
);
expectFailure('an accepted offer fails "should not have negotiated permessage-deflate"', /should not have negotiated/, /"alice" negotiated permessage-deflate: "permessage-deflate"/);
expectFailure(
  'an uncompressed message fails "should have been compressed"',
  /should have been compressed/,
  /the last message "alice" received came uncompressed \(RSV1 clear, 5 bytes\), expected it compressed \(permessage-deflate was not negotiated\)/,
);
expectFailure(
  'a compressed message fails "should not have been compressed"',
  /should not have been compressed/,
  /the last message "alice" received came compressed \(\d+ bytes on the wire, 5 inflated\), expected it not compressed/,
);
expectFailure('no message yet fails "should have been compressed"', /should have been compressed/, /"alice" has received no message yet/);
expectFailure('an offer with an unknown parameter is refused', /offers permessage-deflate with/, /unknown permessage-deflate parameter "window"/);
expectFailure('a mock server term with a bad window is refused', /supports permessage-deflate with/, /server_max_window_bits needs a value from 8 to 15, got "16"/);
expectFailure(
  'an answer without a client window fails "negotiated with client_max_window_bits"',
  /negotiated permessage-deflate with "client_max_window_bits"/,
  /"alice" negotiated permessage-deflate without client_max_window_bits: the server answered "permessage-deflate"/,
);
