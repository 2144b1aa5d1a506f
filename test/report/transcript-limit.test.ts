import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTranscriptLimit } from '../../src/report/options';
import { scenarioTimings } from '../../src/report/timings';
import { renderTranscriptText } from '../../src/report/transcript-text';
import { Redactor } from '../../src/secrets/redact';
import { DEFAULT_TRANSCRIPT_LIMIT, Transcript } from '../../src/transcript/transcript';

const EMPTY_FRAGMENT = { fin: false, rsv1: false, rsv2: false, rsv3: false, opcode: 0, masked: false, payload: Buffer.alloc(0), declaredLength: 0 };
const PING = { fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 9, masked: false, payload: Buffer.from('hi'), declaredLength: 2 };

/** A transcript of `frames` received frames, with a close and a kept note in their middle. */
function flooded(limit: number, frames: number): Transcript {
  const transcript = new Transcript({ limit });
  transcript.record({ actor: 'alice', kind: 'tcp-connect', remote: '127.0.0.1:1' });
  for (let index = 0; index < frames; index++) {
    if (index === frames / 2) {
      transcript.record({ actor: 'alice', kind: 'note', text: 'pongs held: a note to keep', keep: true });
      transcript.record({ actor: 'alice', kind: 'note', text: 'a note among many' });
      transcript.record({ actor: 'alice', kind: 'close', code: 1006, reason: '', initiatedBy: 'transport', clean: false });
    }
    transcript.record({ actor: 'alice', kind: 'frame', direction: 'in', frame: index % 2 ? PING : EMPTY_FRAGMENT });
  }
  return transcript;
}

describe('a capped transcript', () => {
  it('keeps its first and last entries, the story between them, and counts the rest', () => {
    const transcript = flooded(100, 100_000);
    const entries = transcript.entries;
    assert.equal(transcript.recorded, 100_004);
    // 100, and between them the kept note, the close and three counts of what was left out.
    assert.equal(entries.length, 105);
    assert.deepEqual(entries.slice(0, 2).map((entry) => entry.kind), ['tcp-connect', 'frame']);
    const kinds = entries.slice(50, -50).map((entry) => entry.kind);
    assert.deepEqual(kinds, ['omitted', 'note', 'omitted', 'close', 'omitted']);
    const omitted = entries.filter((entry) => entry.kind === 'omitted');
    assert.equal(omitted.reduce((total, entry) => total + (entry.kind === 'omitted' ? entry.entries : 0), 0), transcript.omitted);
    assert.equal(transcript.omitted, 100_004 - entries.length + omitted.length);
  });

  it('counts every frame and byte in the timing figures, kept or not', () => {
    const timings = scenarioTimings(flooded(100, 100_000).entries);
    assert.equal(timings.framesIn, 100_000);
    assert.equal(timings.bytesIn, 50_000 * 2);
  });

  it('says in its text what it did not keep, and still shows the close and the kept note', () => {
    const text = renderTranscriptText(flooded(100, 100_000).entries, { redactor: new Redactor(), maxEntries: 40 });
    assert.match(text, /100004 events over .*\n\d+ of them not kept \(transcript limit/);
    assert.match(text, /… [\d,]+ events not kept \(transcript limit\), [\d,]+ frames among them: [\d,]+ in, 0 out, [\d.]+ KiB; until \+[\d.]+ ms …/);
    assert.match(text, /pongs held: a note to keep/);
    assert.match(text, /closed 1006, initiated by transport, not clean/);
    assert.doesNotMatch(text, /a note among many/);
  });

  it('keeps everything up to its limit', () => {
    const transcript = flooded(1000, 500);
    assert.equal(transcript.entries.length, 504);
    assert.equal(transcript.omitted, 0);
  });

  it('takes its limit from reports.transcriptLimit or WSBDD_TRANSCRIPT_LIMIT, and refuses a bad one', () => {
    assert.equal(resolveTranscriptLimit({}, {}), DEFAULT_TRANSCRIPT_LIMIT);
    assert.equal(resolveTranscriptLimit({ reports: { transcriptLimit: 500 } }, {}), 500);
    assert.equal(resolveTranscriptLimit({ reports: { transcriptLimit: 500 } }, { WSBDD_TRANSCRIPT_LIMIT: '800' }), 800);
    assert.throws(() => resolveTranscriptLimit({ reports: { transcriptLimit: 'lots' } }, {}), /reports\.transcriptLimit cannot be "lots"/);
    assert.throws(() => resolveTranscriptLimit({}, { WSBDD_TRANSCRIPT_LIMIT: '1' }), /WSBDD_TRANSCRIPT_LIMIT cannot be "1"; use a whole number of at least 2/);
  });
});
