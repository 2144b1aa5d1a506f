import { performance } from 'node:perf_hooks';
import {
  assertServerGotHeader,
  assertServerGotMessage,
  closeCode,
  closeReason,
  dropFromServer,
  httpStatus,
  messageCount,
} from '../mocking';
import { positiveInterval } from '../duration';
import { compileRegex } from '../regex';
import type { StepGroup, StepSpec } from '../registry';
import type { MockBehaviour, MockDeflateTerms } from '../../mock/behaviour';
import { parseDeflateParameters } from '../../client/deflate-negotiation';
import { badArgument } from '../errors';
import type { WsWorld } from '../../world';

/** A Given step that changes what the mock server does for the rest of the scenario. */
function behaviourStep(pattern: string, example: string, summary: string, change: (b: MockBehaviour, a: Parameters<StepSpec['run']>[1]) => void): StepSpec {
  return {
    keyword: 'Given',
    pattern,
    example,
    summary,
    run: async (w: WsWorld, a) => change((await w.useMockServer()).behaviour, a),
  };
}

/** The mock server's permessage-deflate terms from parameters written as in the header. */
function mockDeflateTerms(parameters: string): MockDeflateTerms {
  const offer = parseDeflateParameters(parameters);
  if (typeof offer === 'string') throw badArgument(offer);
  const terms: MockDeflateTerms = {};
  if (offer.serverNoContextTakeover) terms.serverNoContextTakeover = true;
  if (offer.clientNoContextTakeover) terms.clientNoContextTakeover = true;
  if (offer.serverMaxWindowBits !== undefined) terms.serverMaxWindowBits = offer.serverMaxWindowBits;
  if (typeof offer.clientMaxWindowBits === 'number') terms.clientMaxWindowBits = offer.clientMaxWindowBits;
  return terms;
}

export const mockSteps: StepGroup = {
  id: 'mock',
  title: 'The embedded mock server (used when no target is configured, and by every scenario that mentions it)',
  steps: [
    behaviourStep('the mock server echoes messages', 'Given the mock server echoes messages', 'Sends every message back to its sender (the default).', (b) => {
      b.mode = 'echo';
    }),
    behaviourStep(
      'the mock server supports permessage-deflate',
      'Given the mock server supports permessage-deflate',
      "Accepts a client's permessage-deflate offer (RFC 7692) as it is, and compresses every message it sends.",
      (b) => {
        b.perMessageDeflate = {};
      },
    ),
    behaviourStep(
      'the mock server supports permessage-deflate with {string}',
      'Given the mock server supports permessage-deflate with "server_no_context_takeover; client_max_window_bits=10"',
      "Accepts permessage-deflate and asks for these parameters in its answer (server_no_context_takeover and client_no_context_takeover always; client_max_window_bits=N when the client offered client_max_window_bits; server_max_window_bits=N as its own window), compressing every message it sends.",
      (b, a) => {
        b.perMessageDeflate = mockDeflateTerms(a.string(0));
      },
    ),
    behaviourStep('the mock server broadcasts messages', 'Given the mock server broadcasts messages', 'Sends every message to every connected client, the sender included.', (b) => {
      b.mode = 'broadcast';
    }),
    behaviourStep(
      'the mock server replies {string} to {string}',
      'Given the mock server replies "pong" to "ping"',
      'Answers this text message with that one instead of echoing or broadcasting it.',
      (b, a) => b.replies.set(a.string(1), a.string(0)),
    ),
    behaviourStep('the mock server sends {string} on connect', 'Given the mock server sends "welcome" on connect', 'Greets every new connection with this text message.', (b, a) => {
      b.greetings.push(a.string(0));
    }),
    behaviourStep(
      'the mock server rejects handshakes with status {int}',
      'Given the mock server rejects handshakes with status 503',
      'Answers every handshake with this HTTP status instead of 101.',
      (b, a) => {
        b.rejectStatus = httpStatus(a.int(0));
      },
    ),
    behaviourStep(
      'the mock server requires the header {string} matching {string}',
      'Given the mock server requires the header "Cookie" matching "token="',
      'Answers 401 to a handshake without this header matching this regular expression.',
      (b, a) => {
        b.requiredHeaders.push({ name: a.string(0), pattern: compileRegex(a.string(1)) });
      },
    ),
    behaviourStep(
      'the mock server selects the subprotocol {string}',
      'Given the mock server selects the subprotocol "chat"',
      'Answers with this subprotocol whenever the client offers any (even when it was not offered, to test clients).',
      (b, a) => {
        b.subprotocol = a.string(0);
      },
    ),
    behaviourStep('the mock server sends a ping every {duration}', 'Given the mock server sends a ping every 200 ms', 'Pings every client at this interval (above 0).', (b, a) => {
      b.pingIntervalMs = positiveInterval(a.duration(0), 'the mock server pinging');
    }),
    behaviourStep('the mock server does not answer pings', 'Given the mock server does not answer pings', 'Stops answering pings with pongs.', (b) => {
      b.answerPings = false;
    }),
    behaviourStep(
      'the mock server closes connections after {int} message(s) with code {int}',
      'Given the mock server closes connections after 2 messages with code 4000',
      'After handling this many messages on a connection, closes it with this code.',
      (b, a) => {
        b.closeAfter = { messages: messageCount(a.int(0)), code: closeCode(a.int(1)) };
      },
    ),
    behaviourStep(
      'the mock server closes connections after {int} message(s) with code {int} and reason {string}',
      'Given the mock server closes connections after 1 message with code 4001 and reason "enough"',
      'After handling this many messages on a connection, closes it with this code and reason.',
      (b, a) => {
        b.closeAfter = { messages: messageCount(a.int(0)), code: closeCode(a.int(1)), reason: closeReason(a.string(2)) };
      },
    ),
    behaviourStep(
      'the mock server drops connections after {int} message(s)',
      'Given the mock server drops connections after 1 message',
      'After handling this many messages on a connection, ends its TCP without a close frame.',
      (b, a) => {
        b.dropAfter = { messages: messageCount(a.int(0)) };
      },
    ),
    {
      keyword: 'When',
      pattern: 'the mock server sends {string} to every client',
      example: 'When the mock server sends "news" to every client',
      summary: 'Sends this text message to every open connection.',
      run: async (w, a) => {
        const mock = await w.useMockServer();
        w.lastMockSendAt = performance.now();
        mock.sendToAll(a.string(0));
      },
    },
    {
      keyword: 'When',
      pattern: 'the mock server drops {string}',
      example: 'When the mock server drops "alice"',
      summary: "Ends the client's TCP connection from the server side, without a close frame.",
      run: (w, a) => dropFromServer(w, w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: 'the mock server should have received the header {string} with value {string} from {string}',
      example: 'Then the mock server should have received the header "Cookie" with value "a=b" from "alice"',
      summary: "A handshake of this client carried this header (name case-insensitive) with exactly this value.",
      run: (w, a) => assertServerGotHeader(w, w.client(a.string(2)), a.string(0), a.string(1)),
    },
    {
      keyword: 'Then',
      pattern: 'the mock server should have received {string} from {string}',
      example: 'Then the mock server should have received "hello" from "alice"',
      waits: true,
      summary: 'The mock server received this text message from this client.',
      run: (w, a) => assertServerGotMessage(w, w.client(a.string(1)), a.string(0), a.within),
    },
  ],
};
