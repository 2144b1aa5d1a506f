import { parseHex } from '../hex';
import { compileRegex } from '../regex';
import {
  binaryOfLength,
  bytesEqual,
  expectedPathValue,
  jsonContaining,
  jsonPathIs,
  jsonPathMatches,
  parseExpectedJson,
  receiveControl,
  receiveControls,
  receiveCount,
  receiveMessage,
  receiveNothing,
  rememberJsonField,
  textContaining,
  textEquals,
  textMatching,
} from '../receiving';
import type { StepGroup } from '../registry';

export const receiveSteps: StepGroup = {
  id: 'receive',
  title: 'Receiving (each receive step consumes the first not yet matched message that fits, in arrival order)',
  steps: [
    {
      keyword: 'Then',
      pattern: '{string} should receive {string}',
      example: 'Then "alice" should receive "hello"',
      waits: true,
      summary: 'A text message equal to this. A binary message with the same bytes does not match.',
      run: (w, a) => receiveMessage(w, w.client(a.string(0)), textEquals(a.string(1)), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a text message matching {string}',
      example: 'Then "alice" should receive a text message matching "^he.*o$"',
      waits: true,
      summary: 'A text message matching this regular expression.',
      run: (w, a) => receiveMessage(w, w.client(a.string(0)), textMatching(compileRegex(a.string(1))), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a text message containing {string}',
      example: 'Then "alice" should receive a text message containing "order 42"',
      waits: true,
      summary: 'A text message with this text somewhere in it (case-sensitive). A binary message with these bytes does not match.',
      run: (w, a) => receiveMessage(w, w.client(a.string(0)), textContaining(a.string(1)), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive the bytes {string}',
      example: 'Then "alice" should receive the bytes "01 02 ff"',
      waits: true,
      summary: 'A binary message with exactly these bytes (hex).',
      run: (w, a) => receiveMessage(w, w.client(a.string(0)), bytesEqual(parseHex(a.string(1))), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a binary message of {int} bytes',
      example: 'Then "alice" should receive a binary message of 1024 bytes',
      waits: true,
      summary: 'A binary message of exactly this length.',
      run: (w, a) => receiveMessage(w, w.client(a.string(0)), binaryOfLength(a.int(1)), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a JSON message containing:',
      example: 'Then "alice" should receive a JSON message containing:',
      argument: { kind: 'doc', example: '"""\n{ "type": "order-accepted", "order": { "item": "tea" } }\n"""' },
      waits: true,
      summary:
        'A JSON text message containing this: extra members in the message are fine, arrays match element by element, values must be equal.',
      run: (w, a) => {
        const expected = parseExpectedJson(a.doc());
        return receiveMessage(w, w.client(a.string(0)), jsonContaining(expected), a.within, { subset: expected });
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a JSON message including:',
      example: 'Then "alice" should receive a JSON message including:',
      argument: { kind: 'doc', example: '"""\n{ "type": "roster", "users": ["bob"] }\n"""' },
      waits: true,
      summary:
        'Like "containing", except for arrays: an expected array matches an array that includes each of its elements (in any order, each element matched by a different one; extra elements are fine). "containing" keeps matching arrays exactly.',
      run: (w, a) => {
        const expected = parseExpectedJson(a.doc());
        return receiveMessage(w, w.client(a.string(0)), jsonContaining(expected, 'include'), a.within, { subset: expected, arrays: 'include' });
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a JSON message where {string} is {string}',
      example: 'Then "alice" should receive a JSON message where "$.user.name" is "bob"',
      waits: true,
      summary:
        'A JSON text message where the JSONPath ($.a.b, $.a[0], $[\'x\'], $.a[*]) selects this value; the value is read as JSON when it parses as JSON ("42", "true", "{\\"a\\":1}"), else as a string.',
      run: (w, a) => {
        const path = a.string(1);
        return receiveMessage(w, w.client(a.string(0)), jsonPathIs(path, expectedPathValue(a.string(2))), a.within, { path });
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a JSON message where {string} matches {string}',
      example: 'Then "alice" should receive a JSON message where "$.id" matches "^ord-[0-9]+$"',
      waits: true,
      summary:
        'A JSON text message where the JSONPath selects a value matching this regular expression: a string by its text, a number or boolean by its JSON text; an object, array or null never matches.',
      run: (w, a) => {
        const path = a.string(1);
        return receiveMessage(w, w.client(a.string(0)), jsonPathMatches(path, compileRegex(a.string(2))), a.within, { path });
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive {int} message(s) within {duration}',
      example: 'Then "alice" should receive 3 messages within 2 seconds',
      summary: 'At least this many messages (of any kind) arrive in time; the first that many are consumed.',
      run: (w, a) => receiveCount(w, w.client(a.string(0)), a.int(1), a.duration(2)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive no message within {duration}',
      example: 'Then "alice" should receive no message within 500 ms',
      summary: 'No message is waiting unmatched, and none arrives during the whole duration.',
      run: (w, a) => receiveNothing(w, w.client(a.string(0)), a.duration(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a pong',
      example: 'Then "alice" should receive a pong',
      waits: true,
      summary: 'A pong frame (any payload).',
      run: (w, a) => receiveControl(w, w.client(a.string(0)), 'pong', undefined, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a pong {string}',
      example: 'Then "alice" should receive a pong "abc" within 1 second',
      waits: true,
      summary: 'A pong frame with this payload.',
      run: (w, a) => receiveControl(w, w.client(a.string(0)), 'pong', a.string(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a ping',
      example: 'Then "alice" should receive a ping within 2 seconds',
      waits: true,
      summary: 'A ping frame from the server (a server heartbeat); the client answers it with a pong.',
      run: (w, a) => receiveControl(w, w.client(a.string(0)), 'ping', undefined, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive at least {int} pong(s) within {duration}',
      example: 'Then "alice" should receive at least 2 pongs within 3 seconds',
      summary: 'Pongs (to heartbeat or explicit pings) keep coming.',
      run: (w, a) => receiveControls(w, w.client(a.string(0)), 'pong', a.int(1), a.duration(2)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive at least {int} ping(s) within {duration}',
      example: 'Then "alice" should receive at least 3 pings within 5 seconds',
      summary: "Pings from the server (a server's heartbeat) keep coming; the client answers each with a pong unless told not to.",
      run: (w, a) => receiveControls(w, w.client(a.string(0)), 'ping', a.int(1), a.duration(2)),
    },
    {
      keyword: 'When',
      pattern: '{string} remembers the JSON field {string} as {string}',
      example: 'When "alice" remembers the JSON field "$.id" as "orderId"',
      summary:
        'Stores a field of the last message a receive step of this client matched; ${orderId} is then replaced in every quoted string, table cell and doc string (and ${env:NAME} reads an environment variable).',
      run: (w, a) => rememberJsonField(w, w.client(a.string(0)), a.string(1), a.string(2)),
    },
  ],
};
