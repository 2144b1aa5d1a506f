import { namedRows } from '../step-args';
import { parseFrameTable } from '../frame-table';
import { parseHex } from '../hex';
import type { StepGroup } from '../registry';
import { fragmentCount, jsonText, sendOrFail } from '../sending';
import { readSendFile } from '../send-file';
import { sleep } from '../wait';
import { byteCount } from '../plural';

export const sendSteps: StepGroup = {
  id: 'send',
  title: 'Sending',
  steps: [
    {
      keyword: 'When',
      pattern: '{string} sends {string}',
      example: 'When "alice" sends "hello"',
      summary: "Sends a message in the client's default frame type (text unless set to binary).",
      run: (w, a) => {
        const text = a.string(1);
        sendOrFail(w.client(a.string(0)), JSON.stringify(text), (c) => c.send(text));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the text {string}',
      example: 'When "alice" sends the text "hello"',
      summary: 'Sends a text message.',
      run: (w, a) => {
        const text = a.string(1);
        sendOrFail(w.client(a.string(0)), JSON.stringify(text), (c) => c.sendText(text));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the bytes {string}',
      example: 'When "alice" sends the bytes "01 02 ff"',
      summary: 'Sends a binary message with these bytes (hex).',
      run: (w, a) => {
        const bytes = parseHex(a.string(1));
        sendOrFail(w.client(a.string(0)), `${byteCount(bytes.length)}`, (c) => c.sendBinary(bytes));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the text of the file {string}',
      example: 'When "alice" sends the text of the file "fixtures/order.json"',
      summary:
        'Sends the content of this file as one text message (it must be UTF-8). A relative path is read from the directory wsbdd runs in.',
      run: (w, a) => {
        const text = readSendFile(a.string(1), 'text').toString('utf8');
        sendOrFail(w.client(a.string(0)), `the text of ${a.string(1)}`, (c) => c.sendText(text));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the bytes of the file {string}',
      example: 'When "alice" sends the bytes of the file "fixtures/image.png"',
      summary: 'Sends the content of this file as one binary message. A relative path is read from the directory wsbdd runs in.',
      run: (w, a) => {
        const bytes = readSendFile(a.string(1), 'binary');
        sendOrFail(w.client(a.string(0)), `the ${byteCount(bytes.length)} of ${a.string(1)}`, (c) => c.sendBinary(bytes));
      },
    },
    {
      keyword: 'When',
      pattern: '{duration} pass(es)',
      example: 'When 500 ms pass',
      summary: 'A pause: nothing is checked while it lasts (messages arriving meanwhile wait in the inbox for later steps).',
      run: (w, a) => sleep(a.duration(0), w.abortSignal),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the JSON:',
      example: 'When "alice" sends the JSON:',
      argument: { kind: 'doc', example: '"""\n{ "type": "order", "item": "tea" }\n"""' },
      summary: 'Sends the doc string as a text message, after checking that it is JSON.',
      run: (w, a) => {
        const text = jsonText(a.doc());
        sendOrFail(w.client(a.string(0)), 'the JSON', (c) => c.sendText(text));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends {string} in {int} fragments',
      example: 'When "alice" sends "hello" in 3 fragments',
      summary: "Sends one message cut into this many frames (first frame, then continuations), in the default frame type.",
      run: (w, a) => {
        const text = a.string(1);
        const fragments = fragmentCount(a.int(2));
        sendOrFail(w.client(a.string(0)), JSON.stringify(text), (c) => c.send(text, { fragments }));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends a ping',
      example: 'When "alice" sends a ping',
      summary: 'Sends a ping with an empty payload.',
      run: (w, a) => sendOrFail(w.client(a.string(0)), 'a ping', (c) => c.ping()),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a ping {string}',
      example: 'When "alice" sends a ping "abc"',
      summary: 'Sends a ping with this payload.',
      run: (w, a) => {
        const payload = a.string(1);
        sendOrFail(w.client(a.string(0)), 'a ping', (c) => c.ping(payload));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the frame:',
      example: 'When "alice" sends the frame:',
      argument: { kind: 'table', example: '| opcode | text  |\n| fin    | true  |\n| rsv1   | true  |\n| payload | hi   |' },
      summary:
        'Sends any frame, valid or not. Fields: fin, rsv1, rsv2, rsv3, opcode (number or continuation, text, binary, close, ping, pong), mask (true/false), mask key (hex), payload (text), payload hex, length (a lying length). Fields left out take the values of a valid client frame: fin true, RSV bits clear, text, masked with a random key, true length, empty payload.',
      run: (w, a) => {
        const spec = parseFrameTable(namedRows(a.rows(), 'frame'));
        sendOrFail(w.client(a.string(0)), 'the frame', (c) => c.sendFrame(spec));
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the raw bytes {string}',
      example: 'When "alice" sends the raw bytes "81 85 37 fa 21 3d 7f 9f 4d 51 58"',
      summary: 'Writes these bytes (hex) to the connection as they are, unframed.',
      run: (w, a) => {
        const bytes = parseHex(a.string(1));
        sendOrFail(w.client(a.string(0)), `${byteCount(bytes.length)} raw`, (c) => c.sendRaw(bytes));
      },
    },
  ],
};
