import { parseHex } from '../../world/hex';
import type { StepGroup } from '../../world/registry';
import { expectCleanCloseWithCodeOrNone, expectCloseFrameWith, expectClosedByServerWith, expectServerClosesTcp } from '../close-checks';
import { expectConnectionFailed } from '../connection-failure';
import { lastSent } from '../client-state';
import {
  expectEchoes,
  expectEchoOrClose,
  expectLastEcho,
  expectNoPong,
  expectNothingReceived,
  expectPongs,
  expectTextBytes,
} from '../echo-checks';
import { expectAcceptedOrRefusedNaming, expectHandshakeRefused, expectNoUnofferedSubprotocol, expectRefusedWith4xx, expectResponseWithoutHeader } from '../handshake-checks';
import { reportHandshakeOutcome, reportOutcome } from '../observing';

export const conformanceCheckSteps: StepGroup = {
  id: 'conformance-check',
  title: 'Conformance pack: checking what the server did (echo checks look at the next message not yet matched)',
  steps: [
    {
      keyword: 'Then',
      pattern: '{string} should receive that message back',
      example: 'Then "alice" should receive that message back',
      waits: true,
      summary: 'The next message is the last one the pack sent, byte for byte and in the same type; a close before it fails at once.',
      run: (w, a) => expectLastEcho(w, w.client(a.string(0)), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive those {int} messages back in order',
      example: 'Then "alice" should receive those 1000 messages back in order',
      waits: true,
      summary: 'The next messages are the last ones the pack sent, in the order sent, each byte for byte.',
      run: (w, a) => {
        const named = w.client(a.string(0));
        return expectEchoes(w, named, lastSent(named, a.int(1)), a.within);
      },
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive that message back or be closed by the server with code {int}',
      example: 'Then "alice" should receive that message back or be closed by the server with code 1009',
      waits: true,
      summary: 'The last message comes back exactly, or the server closes with this code (a size limit); which one is reported.',
      run: (w, a) => expectEchoOrClose(w, w.client(a.string(0)), a.int(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive the text bytes {string}',
      example: 'Then "alice" should receive the text bytes "ce ba e1 bd b9 cf 83 ce bc ce b5"',
      waits: true,
      summary: 'The next message is a text message of exactly these bytes (hex).',
      run: (w, a) => expectTextBytes(w, w.client(a.string(0)), parseHex(a.string(1)), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a pong with that payload',
      example: 'Then "alice" should receive a pong with that payload',
      waits: true,
      summary: "The next pong carries exactly the payload of the last ping the pack's steps sent.",
      run: (w, a) => expectPongs(w, w.client(a.string(0)), 1, a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive {int} pongs in order',
      example: 'Then "alice" should receive 10 pongs in order',
      waits: true,
      summary: "The next pongs answer the last pings the pack's steps sent, payload for payload, in order.",
      run: (w, a) => expectPongs(w, w.client(a.string(0)), a.int(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive no pong within {duration}',
      example: 'Then "alice" should receive no pong within 100 ms',
      summary: 'No pong not yet matched is there, or arrives, during the whole duration.',
      run: (w, a) => expectNoPong(w, w.client(a.string(0)), a.duration(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should have received no message',
      example: 'Then "alice" should have received no message',
      summary: 'No message not yet matched by an earlier step has arrived (checked at once; meant for after the close).',
      run: (w, a) => expectNothingReceived(w.client(a.string(0)), 'message'),
    },
    {
      keyword: 'Then',
      pattern: '{string} should have received no pong',
      example: 'Then "alice" should have received no pong',
      summary: 'No pong not yet matched has arrived (checked at once; meant for after the close).',
      run: (w, a) => expectNothingReceived(w.client(a.string(0)), 'pong'),
    },
    {
      keyword: 'Then',
      pattern: 'the server should fail the connection of {string} with code {int}',
      example: 'Then the server should fail the connection of "alice" with code 1002',
      waits: true,
      summary:
        'RFC 6455 7.1.7: the connection ends (the server MUST close it) without an echo of what it had to refuse; a close frame with another code, or TCP closed without one, passes as NON-STRICT (it SHOULD send the code).',
      run: (w, a) => expectConnectionFailed(w, w.client(a.string(0)), [a.int(1)], a.within),
    },
    {
      keyword: 'Then',
      pattern: 'the server should fail the connection of {string} with code {int} or {int}',
      example: 'Then the server should fail the connection of "alice" with code 1007 or 1002',
      waits: true,
      summary: 'As above, with either code as the one the server should send.',
      run: (w, a) => expectConnectionFailed(w, w.client(a.string(0)), [a.int(1), a.int(2)], a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed by the server with code {int} or {int}',
      example: 'Then "alice" should be closed by the server with code 1002 or 1007',
      waits: true,
      summary: 'The server started the close with a close frame carrying either code.',
      run: (w, a) => expectClosedByServerWith(w, w.client(a.string(0)), [a.int(1), a.int(2)], a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a close frame with code {int}',
      example: 'Then "alice" should receive a close frame with code 1002',
      waits: true,
      summary: 'The connection ended with a close frame from the server carrying this code, whoever sent the first close frame (use it after sending a close frame of your own).',
      run: (w, a) => expectCloseFrameWith(w, w.client(a.string(0)), a.int(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be closed cleanly with code {int} or without a code',
      example: 'Then "alice" should be closed cleanly with code 1000 or without a code',
      waits: true,
      summary: "The closing handshake completed and the server's close frame carried this code or none (the answer to an empty close frame).",
      run: (w, a) => expectCleanCloseWithCodeOrNone(w, w.client(a.string(0)), a.int(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: 'the server should close the TCP connection of {string} within {duration}',
      example: 'Then the server should close the TCP connection of "alice" within 1 second',
      summary:
        "The closing handshake completed and the server closed TCP within the limit after it (the client waits its close timeout before closing TCP itself, so the limit must be below that).",
      run: (w, a) => expectServerClosesTcp(w, w.client(a.string(0)), a.duration(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should fail to connect with a 4xx status',
      example: 'Then "alice" should fail to connect with a 4xx status',
      summary: 'The last connection attempt was refused with an HTTP status from 400 to 499.',
      run: (w, a) => expectRefusedWith4xx(w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: 'the server should refuse the handshake of {string}',
      example: 'Then the server should refuse the handshake of "alice"',
      summary:
        'RFC 6455 4.2.1: the last attempt was answered with an HTTP error status, not 101; one outside 4xx (a 500, say) passes as NON-STRICT (400 is the example the RFC gives).',
      run: (w, a) => expectHandshakeRefused(w, w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: '{string} should be accepted, or refused naming the version {int}',
      example: 'Then "alice" should be accepted, or refused naming the version 13',
      summary: 'RFC 6455 4.4: the last attempt was accepted (reported), or refused with a 4xx status whose Sec-WebSocket-Version header names the version.',
      run: (w, a) => expectAcceptedOrRefusedNaming(w, w.client(a.string(0)), a.int(1)),
    },
    {
      keyword: 'Then',
      pattern: 'the handshake response of {string} should not have the header {string}',
      example: 'Then the handshake response of "alice" should not have the header "Sec-WebSocket-Extensions"',
      summary: 'The handshake response has no header of that name.',
      run: (w, a) => expectResponseWithoutHeader(w.client(a.string(0)), a.string(1)),
    },
    {
      keyword: 'Then',
      pattern: '{string} should not have been given a subprotocol it did not offer',
      example: 'Then "alice" should not have been given a subprotocol it did not offer',
      summary: 'The server chose one of the offered subprotocols or none, or refused the handshake with a 4xx status.',
      run: (w, a) => expectNoUnofferedSubprotocol(w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: 'the handshake outcome of {string} is reported',
      example: 'Then the handshake outcome of "alice" is reported',
      summary: 'Attaches how the server answered the last connection attempt (for @informational scenarios).',
      run: (w, a) => reportHandshakeOutcome(w, w.client(a.string(0))),
    },
    {
      keyword: 'Then',
      pattern: 'the outcome for {string} is reported',
      example: 'Then the outcome for "alice" is reported',
      waits: true,
      summary: 'Waits (1 s unless told) for a message, a pong or a close, and attaches which (for @informational scenarios).',
      run: (w, a) => reportOutcome(w, w.client(a.string(0)), a.within),
    },
  ],
};
