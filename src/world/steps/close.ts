import { assertClosed, assertReconnected, closeClient, dropClient, reconnectClient } from '../closing';
import type { StepGroup } from '../registry';

export const closeSteps: StepGroup = {
  id: 'close',
  title: 'Closing and reconnecting',
  steps: [
    {
      keyword: 'When',
      pattern: '{string} closes',
      example: 'When "alice" closes',
      summary: "Sends a close frame (1000) and waits for the server's close frame, then ends TCP.",
      run: (w, a) => closeClient(w, w.client(a.string(0))),
    },
    {
      keyword: 'When',
      pattern: '{string} closes with code {int}',
      example: 'When "alice" closes with code 4000',
      summary:
        'Closes with this code as given, also one that may not be sent (1005, 999), to test the server; a number outside 0-65535 fails the step before anything is sent.',
      run: (w, a) => closeClient(w, w.client(a.string(0)), a.int(1)),
    },
    {
      keyword: 'When',
      pattern: '{string} closes with code {int} and reason {string}',
      example: 'When "alice" closes with code 1000 and reason "bye"',
      summary:
        'Closes with this code and reason. A reason over 123 bytes (more than a close frame holds) fails the step before anything is sent; to send one on purpose: sends a close frame with code ... and a reason of ... bytes.',
      run: (w, a) => closeClient(w, w.client(a.string(0)), a.int(1), a.string(2)),
    },
    {
      keyword: 'When',
      pattern: '{string} drops the connection',
      example: 'When "alice" drops the connection',
      summary: 'Ends TCP at once, without a close frame.',
      run: (w, a) => dropClient(w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed',
      example: 'Then "alice" should be closed within 2 seconds',
      waits: true,
      summary: 'The connection ended, in any way.',
      run: (w, a) => assertClosed(w, w.client(a.string(0)), {}, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed by the server with code {int}',
      example: 'Then "alice" should be closed by the server with code 4000',
      waits: true,
      summary: 'The server started the close, with a close frame carrying this code.',
      run: (w, a) => assertClosed(w, w.client(a.string(0)), { byServer: true, code: a.int(1) }, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed by the server with code {int} and reason {string}',
      example: 'Then "alice" should be closed by the server with code 4000 and reason "bye"',
      waits: true,
      summary: 'The server started the close with this code and reason.',
      run: (w, a) => assertClosed(w, w.client(a.string(0)), { byServer: true, code: a.int(1), reason: a.string(2) }, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed cleanly',
      example: 'Then "alice" should be closed cleanly',
      waits: true,
      summary: 'The close handshake completed: both close frames were exchanged.',
      run: (w, a) => assertClosed(w, w.client(a.string(0)), { clean: true }, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed cleanly with code {int}',
      example: 'Then "alice" should be closed cleanly with code 1000',
      waits: true,
      summary: "The close handshake completed and the server's close frame carried this code.",
      run: (w, a) => assertClosed(w, w.client(a.string(0)), { clean: true, code: a.int(1) }, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be disconnected without a close frame',
      example: 'Then "alice" should be disconnected without a close frame',
      waits: true,
      summary: 'TCP ended without a close frame from the server.',
      run: (w, a) => assertClosed(w, w.client(a.string(0)), { withoutCloseFrame: true }, a.within),
    },
    {
      keyword: 'When',
      pattern: '{string} reconnects',
      example: 'When "alice" reconnects',
      summary: 'Drops the connection if open and connects again with the same setup; fails if that fails.',
      run: (w, a) => reconnectClient(w, w.client(a.string(0)), 0),
    },
    {
      keyword: 'When',
      pattern: '{string} reconnects after {duration}',
      example: 'When "alice" reconnects after 1 second',
      summary: 'Like reconnects, waiting this long before connecting again.',
      run: (w, a) => reconnectClient(w, w.client(a.string(0)), a.duration(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should reconnect within {duration}',
      example: 'Then "alice" should reconnect within 2 seconds',
      summary:
        'After its connection ended, a new handshake completed in time (see "reconnects ... after an unexpected close"); closed with no reconnect coming (no policy, or it gave up), it fails at once.',
      run: (w, a) => assertReconnected(w, w.client(a.string(0)), a.duration(1)),
    },
  ],
};
