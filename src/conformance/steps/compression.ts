import { parseHex } from '../../world/hex';
import type { StepGroup } from '../../world/registry';
import { expectDeflateDeclined, requireDeflate, sendCompressedTextBytes, sendKind, sendRsv1OnContinuation, type PayloadKind } from '../compression';

const KINDS_NOTE =
  'Kinds: repetitive text, random text, identical random text (the same bytes in every message of the kind, so that with context takeover a message refers back into the one before), random binary, long-period binary (random 1000-byte blocks repeated, so back-references reach 1000 bytes, past a window of 8 or 9 bits).';

export const conformanceCompressionSteps: StepGroup = {
  id: 'conformance-compression',
  title: 'Conformance pack: compression (permessage-deflate, RFC 7692)',
  steps: [
    {
      keyword: 'Given',
      pattern: '{string} has negotiated permessage-deflate, or the case is skipped',
      example: 'Given "alice" has negotiated permessage-deflate, or the case is skipped',
      summary:
        'The server accepted the client\'s permessage-deflate offer on its last connection; otherwise the case is SKIPPED with a note saying what was offered and answered (a server may decline any offer). An answer the client had to refuse fails the case.',
      run: (w, a) => requireDeflate(w, w.client(a.string(0))),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} message(s) of {payload-kind} of {byte-size}',
      example: 'When "alice" sends 10 messages of random text of 1 KiB',
      summary: `Sends that many generated messages of the kind, each different, compressed when permessage-deflate is in use, and remembers them for the echo checks. ${KINDS_NOTE}`,
      run: (w, a) => sendKind(w, w.client(a.string(0)), a.string(2) as PayloadKind, a.int(3), a.int(1), true),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} message(s) of {payload-kind} of {byte-size} in {int} fragments',
      example: 'When "alice" sends 5 messages of random text of 4 KiB in 4 fragments',
      summary:
        'The same, each message compressed and then cut into that many frames of near-equal size: RSV1 on the first frame only (RFC 7692 6.1), the server inflates the message once it is whole.',
      run: (w, a) => sendKind(w, w.client(a.string(0)), a.string(2) as PayloadKind, a.int(3), a.int(1), true, a.int(4)),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {int} message(s) of {payload-kind} of {byte-size} uncompressed',
      example: 'When "alice" sends 1 message of repetitive text of 1 KiB uncompressed',
      summary: 'The same, with RSV1 clear although permessage-deflate is in use (RFC 7692 allows it for any message).',
      run: (w, a) => sendKind(w, w.client(a.string(0)), a.string(2) as PayloadKind, a.int(3), a.int(1), false),
    },
    {
      keyword: 'When',
      pattern: '{string} sends {string} compressed, with RSV1 on its continuation frame too',
      example: 'When "alice" sends "hello, hello" compressed, with RSV1 on its continuation frame too',
      summary: 'Sends the text compressed in two frames, both with RSV1 set: RFC 7692 6.1 allows it on the first frame of a message only.',
      run: (w, a) => sendRsv1OnContinuation(w.client(a.string(0)), a.string(1)),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the text bytes {string} compressed',
      example: 'When "alice" sends the text bytes "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80" compressed',
      summary: 'Sends a text message of these bytes (hex) compressed, RSV1 set: its UTF-8 can only be judged once inflated.',
      run: (w, a) => sendCompressedTextBytes(w.client(a.string(0)), parseHex(a.string(1))),
    },
    {
      keyword: 'Then',
      pattern: 'the server should have declined the permessage-deflate offer of {string}',
      example: 'Then the server should have declined the permessage-deflate offer of "alice"',
      summary:
        'RFC 7692 7.1: the last attempt was answered without permessage-deflate, or refused; accepting an offer with an unknown parameter, a bad value or a repeated parameter fails.',
      run: (w, a) => expectDeflateDeclined(w.client(a.string(0))),
    },
  ],
};
