import {
  assertLastMessageCompressed,
  assertNegotiatedDeflate,
  assertNotNegotiatedDeflate,
  offerDeflate,
  sendUncompressed,
} from '../compression';
import type { StepGroup } from '../registry';
import type { WsWorld } from '../../world';

/** An offer may be the first thing said about a client: it is created then, as a connect step would. */
function clientToSetUp(world: WsWorld, name: string) {
  return world.clientNames().includes(name) ? world.client(name) : world.defineClient(name);
}

export const compressionSteps: StepGroup = {
  id: 'compression',
  title: 'Compression (permessage-deflate)',
  steps: [
    {
      keyword: 'Given',
      pattern: '{string} offers permessage-deflate',
      example: 'Given "alice" offers permessage-deflate',
      summary:
        'Offers permessage-deflate (RFC 7692) with no parameters. Once the server accepts, the client compresses its messages and inflates the server\'s; an answer that accepts no offer fails the connection (bad-extension).',
      run: (w, a) => offerDeflate(clientToSetUp(w, a.string(0))),
    },
    {
      keyword: 'Given',
      pattern: '{string} offers permessage-deflate with {string}',
      example: 'Given "alice" offers permessage-deflate with "client_max_window_bits=10; server_no_context_takeover"',
      summary:
        'Offers permessage-deflate with these parameters (client_max_window_bits[=8-15], server_max_window_bits=8-15, client_no_context_takeover, server_no_context_takeover; separated by ";"). Several offers steps make several offers, in order of preference.',
      run: (w, a) => offerDeflate(clientToSetUp(w, a.string(0)), a.string(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should have negotiated permessage-deflate',
      example: 'Then "alice" should have negotiated permessage-deflate',
      summary: 'The server accepted permessage-deflate on the current connection.',
      run: (w, a) => assertNegotiatedDeflate(w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: '{string} should have negotiated permessage-deflate with {string}',
      example: 'Then "alice" should have negotiated permessage-deflate with "server_no_context_takeover; client_max_window_bits=10"',
      summary:
        'The server accepted permessage-deflate and its answer carries each of these parameters with the same value (it may carry more); client_max_window_bits written without a value matches any value the server set.',
      run: (w, a) => assertNegotiatedDeflate(w.client(a.string(0)), a.string(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should not have negotiated permessage-deflate',
      example: 'Then "alice" should not have negotiated permessage-deflate',
      summary: 'The server answered without permessage-deflate: messages go uncompressed both ways.',
      run: (w, a) => assertNotNegotiatedDeflate(w.client(a.string(0))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {string} uncompressed',
      example: 'When "alice" sends "hello" uncompressed',
      summary: "Sends a message with RSV1 clear, in the client's default frame type, although permessage-deflate is in use (RFC 7692 allows it for any message).",
      run: (w, a) => sendUncompressed(w.client(a.string(0)), a.string(1)),
    },
    {
      keyword: 'Then',
      pattern: 'the last message {string} received should have been compressed',
      example: 'Then the last message "alice" received should have been compressed',
      summary: 'The most recent message that arrived had RSV1 set on its first frame and was inflated.',
      run: (w, a) => assertLastMessageCompressed(w.client(a.string(0)), true),
    },
    {
      keyword: 'Then',
      pattern: 'the last message {string} received should not have been compressed',
      example: 'Then the last message "alice" received should not have been compressed',
      summary: 'The most recent message that arrived came as it was (RSV1 clear).',
      run: (w, a) => assertLastMessageCompressed(w.client(a.string(0)), false),
    },
  ],
};
