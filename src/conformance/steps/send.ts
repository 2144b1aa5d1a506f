import { Opcode } from '../../protocol/constants';
import { badArgument } from '../../world/errors';
import { parseHex } from '../../world/hex';
import type { StepGroup } from '../../world/registry';
import { sendOrFail } from '../../world/sending';
import { frameFromTable, framesFromTable } from '../frame-rows';
import { OMITTABLE_HEADERS, tryConnectWithout } from '../incomplete-handshake';
import { binaryPayload, textPayload } from '../payloads';
import {
  closePayload,
  generatedMessage,
  sendControl,
  sendFrameInPieces,
  sendFrames,
  sendFrameStart,
  sendMessages,
  sendPings,
  sendShapedMessage,
} from '../sending';

const SIZE_NOTE = 'Sizes read like "0 bytes", "1 byte", "125 bytes", "64 KiB", "16 MiB".';

export const conformanceSendSteps: StepGroup = {
  id: 'conformance-send',
  title: 'Conformance pack: sending (generated payloads are remembered, so that the echo can be checked)',
  steps: [
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size}',
      example: 'When "alice" sends a text message of 65536 bytes',
      summary: `Sends a generated text (ASCII) or binary (every byte value) message of that size. ${SIZE_NOTE}`,
      run: (w, a) => sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), {}),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size} in {int} fragments',
      example: 'When "alice" sends a binary message of 1 KiB in 16 fragments',
      summary: 'Sends a generated message cut into that many fragments of near-equal size.',
      run: (w, a) => sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), { fragments: a.int(3) }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size} in fragments of {byte-size}',
      example: 'When "alice" sends a text message of 65536 bytes in fragments of 1300 bytes',
      summary: 'Sends a generated message in fragments of that size (the last one takes what is left).',
      run: (w, a) =>
        sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), { fragments: { size: a.int(3) } }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size} in {int} fragments with a ping between fragments',
      example: 'When "alice" sends a text message of 1000 bytes in 5 fragments with a ping between fragments',
      summary: 'Sends a generated message in fragments with a ping (distinct payload each) after every fragment but the last.',
      run: (w, a) =>
        sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), {
          fragments: a.int(3),
          pingsBetween: true,
        }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size} in TCP writes of {byte-size}',
      example: 'When "alice" sends a binary message of 65536 bytes in TCP writes of 997 bytes',
      summary: 'Sends a generated message as one frame, written to TCP in pieces of that size.',
      run: (w, a) =>
        sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), { pieceSize: a.int(3) }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size} one byte per TCP write',
      example: 'When "alice" sends a binary message of 300 bytes one byte per TCP write',
      summary: 'Sends a generated message as one frame, one byte per TCP write (at most 64 KiB).',
      run: (w, a) => sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), { pieceSize: 1 }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {message-type} message of {byte-size} in {int} fragments one byte per TCP write',
      example: 'When "alice" sends a text message of 40 bytes in 2 fragments one byte per TCP write',
      summary: 'Sends a generated message in fragments, every byte of every frame in its own TCP write.',
      run: (w, a) =>
        sendShapedMessage(w, w.client(a.string(0)), generatedMessage(w.client(a.string(0)), binary(a.string(1)), a.int(2)), { fragments: a.int(3), pieceSize: 1 }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} {message-type} messages of {byte-size}',
      example: 'When "alice" sends 1000 text messages of 16 bytes',
      summary: 'Sends that many generated messages (all different) back to back.',
      run: (w, a) => {
        const named = w.client(a.string(0));
        sendMessages(named, Array.from({ length: boundedCount(a.int(1)) }, () => generatedMessage(named, binary(a.string(2)), a.int(3))), false);
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} {message-type} messages of {byte-size} in one TCP write',
      example: 'When "alice" sends 5 text messages of 20 bytes in one TCP write',
      summary: 'Sends that many generated messages with all their frames in a single TCP write.',
      run: (w, a) => {
        const named = w.client(a.string(0));
        sendMessages(named, Array.from({ length: boundedCount(a.int(1)) }, () => generatedMessage(named, binary(a.string(2)), a.int(3))), true);
      },
    },
    {
      keyword: 'When',
      pattern: '{string} sends the text bytes {string}',
      example: 'When "alice" sends the text bytes "ce ba e1 bd b9 cf 83 ce bc ce b5"',
      summary: 'Sends a text message made of exactly these bytes (hex), valid UTF-8 or not.',
      run: (w, a) => sendShapedMessage(w, w.client(a.string(0)), { data: parseHex(a.string(1)), binary: false }, {}),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the text bytes {string} in fragments of {byte-size}',
      example: 'When "alice" sends the text bytes "f0 9d 84 9e" in fragments of 1 byte',
      summary: 'Sends a text message made of these bytes, cut into fragments of that size (so also inside a character).',
      run: (w, a) => sendShapedMessage(w, w.client(a.string(0)), { data: parseHex(a.string(1)), binary: false }, { fragments: { size: a.int(2) } }),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the text bytes {string} one byte per TCP write',
      example: 'When "alice" sends the text bytes "ce ba e1 bd b9" one byte per TCP write',
      summary: 'Sends a text message made of these bytes, one byte of the frame per TCP write.',
      run: (w, a) => sendShapedMessage(w, w.client(a.string(0)), { data: parseHex(a.string(1)), binary: false }, { pieceSize: 1 }),
    },
    {
      keyword: 'When',
      pattern: '{string} starts a text frame of {byte-size} with the bytes {string}',
      example: 'When "alice" starts a text frame of 20 bytes with the bytes "ce ba ed a0 80"',
      summary: 'Sends the header of a text frame announcing that many bytes, then only these first bytes (hex); the rest never comes.',
      run: (w, a) => sendFrameStart(w.client(a.string(0)), a.int(1), parseHex(a.string(2))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the frames:',
      example: 'When "alice" sends the frames:',
      argument: { kind: 'table', example: '| fin   | opcode       | payload |\n| false | text         | frag    |\n| true  | continuation | mented  |' },
      summary:
        'Sends several frames at once, one per row, under a heading row of field names: those of "sends the frame:" plus "close code", "close reason" and "length width" (7, 16 or 64). An empty cell leaves the field out. Works while closing too, so frames can follow a close frame.',
      run: (w, a) => sendFrames(w.client(a.string(0)), framesFromTable(a.rows())),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the frame one byte per TCP write:',
      example: 'When "alice" sends the frame one byte per TCP write:',
      argument: { kind: 'table', example: '| opcode  | text  |\n| payload | hello |' },
      summary: 'Sends a frame (fields as in "sends the frames:") one byte per TCP write.',
      run: (w, a) => sendFrameInPieces(w, w.client(a.string(0)), frameFromTable(a.rows()), 1),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the frame in TCP writes of {byte-size}:',
      example: 'When "alice" sends the frame in TCP writes of 64 bytes:',
      argument: { kind: 'table', example: '| opcode       | text  |\n| payload      | hello |\n| length width | 16    |' },
      summary: 'Sends a frame (fields as in "sends the frames:") in TCP writes of that size.',
      run: (w, a) => sendFrameInPieces(w, w.client(a.string(0)), frameFromTable(a.rows()), a.int(1)),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a ping with a payload of {byte-size}',
      example: 'When "alice" sends a ping with a payload of 125 bytes',
      summary: 'Sends a ping with a generated payload of that size, also over the 125 bytes a control frame may carry.',
      run: (w, a) => sendControl(w, w.client(a.string(0)), Opcode.Ping, binaryPayload(a.int(1))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a ping with a payload of {byte-size} one byte per TCP write',
      example: 'When "alice" sends a ping with a payload of 125 bytes one byte per TCP write',
      summary: 'Sends a ping with a generated payload, one byte per TCP write.',
      run: (w, a) => sendControl(w, w.client(a.string(0)), Opcode.Ping, binaryPayload(a.int(1)), 1),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a pong with a payload of {byte-size}',
      example: 'When "alice" sends a pong with a payload of 126 bytes',
      summary: 'Sends an unsolicited pong with a generated payload of that size.',
      run: (w, a) => sendControl(w, w.client(a.string(0)), Opcode.Pong, textPayload(a.int(1))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a ping with the bytes {string}',
      example: 'When "alice" sends a ping with the bytes "00 ff fe fd"',
      summary: 'Sends a ping with these payload bytes (hex).',
      run: (w, a) => sendControl(w, w.client(a.string(0)), Opcode.Ping, parseHex(a.string(1))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} pings',
      example: 'When "alice" sends 10 pings',
      summary: 'Sends that many pings back to back, each with its own payload.',
      run: (w, a) => sendPings(w, w.client(a.string(0)), a.int(1)),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} pings one byte per TCP write',
      example: 'When "alice" sends 10 pings one byte per TCP write',
      summary: 'Sends that many pings, each with its own payload, one byte per TCP write.',
      run: (w, a) => sendPings(w, w.client(a.string(0)), a.int(1), 1),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a close frame with code {int}',
      example: 'When "alice" sends a close frame with code 1005',
      summary: 'Sends a close frame with this code exactly, valid or not (unlike "closes with code", nothing else is done or awaited).',
      run: (w, a) => sendCloseFrame(w.client(a.string(0)), closePayload(a.int(1))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a close frame with code {int} and reason {string}',
      example: 'When "alice" sends a close frame with code 1000 and reason "bye"',
      summary: 'Sends a close frame with this code and reason.',
      run: (w, a) => sendCloseFrame(w.client(a.string(0)), closePayload(a.int(1), Buffer.from(a.string(2), 'utf8'))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a close frame with code {int} and a reason of {byte-size}',
      example: 'When "alice" sends a close frame with code 1000 and a reason of 123 bytes',
      summary: 'Sends a close frame with this code and a generated ASCII reason of that size (123 bytes fill a control frame).',
      run: (w, a) => sendCloseFrame(w.client(a.string(0)), closePayload(a.int(1), textPayload(a.int(2)))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a close frame with code {int} and the reason bytes {string}',
      example: 'When "alice" sends a close frame with code 1000 and the reason bytes "ce ba ed a0 80"',
      summary: 'Sends a close frame with this code and these reason bytes (hex), UTF-8 or not.',
      run: (w, a) => sendCloseFrame(w.client(a.string(0)), closePayload(a.int(1), parseHex(a.string(2)))),
    },
    {
      keyword: 'When',
      pattern: '{string} tries to connect without the header {string}',
      example: 'When "alice" tries to connect without the header "Sec-WebSocket-Key"',
      summary: `Connects with one required header left out (${OMITTABLE_HEADERS.join(', ')}), without failing the step; later steps check the outcome.`,
      run: (w, a) => tryConnectWithout(w, w.client(a.string(0)), a.string(1)),
    },
  ],
};

function sendCloseFrame(named: Parameters<typeof sendOrFail>[0], payload: Buffer): void {
  sendFrames(named, [{ opcode: Opcode.Close, payload }]);
}

function boundedCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw badArgument(`send between 1 and 100000 messages, not ${count}`);
  return count;
}

/** The value of a {message-type} argument. */
function binary(type: string): boolean {
  return type === 'binary';
}
