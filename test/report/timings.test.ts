import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMs, scenarioTimings, timingStats } from '../../src/report/timings';
import { TranscriptBuilder, sampleChatTranscript } from './sample-transcript';

describe('scenario timings', () => {
  it('takes handshake time from request to answer, and TCP connect time when recorded', () => {
    const builder = new TranscriptBuilder().at(10).connect('alice');
    const entries = builder.entries.map((entry) => (entry.kind === 'tcp-connect' ? { ...entry, elapsedMs: 2.5 } : entry));
    const timings = scenarioTimings(entries);
    assert.deepEqual(timings.connectMs, [2.5]);
    assert.equal(timings.handshakeMs.length, 1);
    assert.ok(Math.abs((timings.handshakeMs[0] ?? 0) - 1.0) < 1e-9);
  });

  it('does not count a refused handshake', () => {
    const timings = scenarioTimings(new TranscriptBuilder().connect('alice', { status: 401 }).entries);
    assert.deepEqual(timings.handshakeMs, []);
  });

  it('matches pongs to pings by payload on the same client', () => {
    const entries = new TranscriptBuilder()
      .at(0)
      .frame('alice', 'out', 9, 'a')
      .at(1)
      .frame('alice', 'out', 9, 'b')
      .at(2)
      .frame('bob', 'in', 10, 'a') // another client's pong answers nothing of alice's
      .at(5)
      .frame('alice', 'in', 10, 'b')
      .at(7)
      .frame('alice', 'in', 10, 'a')
      .at(8)
      .frame('alice', 'in', 10, 'zzz') // unsolicited
      .entries;
    assert.deepEqual(scenarioTimings(entries).pingRttMs, [4, 7]);
  });

  it('does not let a refused or ignored frame answer a ping or a message', () => {
    const builder = new TranscriptBuilder().at(0).frame('alice', 'out', 9, 'a').frame('alice', 'out', 1, 'hi').at(3);
    builder.frame('alice', 'in', 10, 'a').frame('alice', 'in', 1, 'hi');
    const [pong, text] = builder.entries.slice(-2);
    const marked = [...builder.entries.slice(0, -2), { ...pong, rejected: 'WSBDD_ERR_MASKED_FRAME' }, { ...text, ignored: 'after-violation' }];
    const timings = scenarioTimings(marked as typeof builder.entries);
    assert.deepEqual(timings.pingRttMs, []);
    assert.deepEqual(timings.messageRttMs, []);
    assert.deepEqual(scenarioTimings(builder.entries).pingRttMs, [3], 'the same frames, not marked, do answer');
  });

  it('matches inbound messages to outbound ones first in, first out, whole messages only', () => {
    const entries = new TranscriptBuilder()
      .at(0)
      .receive('alice', 'welcome') // nothing sent yet: not a reply
      .at(1)
      .send('alice', 'one')
      .at(2)
      .frame('alice', 'out', 1, 'tw', { fin: false })
      .at(3)
      .frame('alice', 'out', 0, 'o')
      .at(4)
      .frame('alice', 'in', 1, 'o', { fin: false })
      .at(6)
      .frame('alice', 'in', 0, 'ne')
      .at(10)
      .receive('alice', 'two')
      .entries;
    assert.deepEqual(scenarioTimings(entries).messageRttMs, [5, 7]);
  });

  it('forgets unanswered messages when the connection closes', () => {
    const entries = new TranscriptBuilder()
      .at(0)
      .send('alice', 'lost')
      .close('alice', 1006, '', false, 'transport')
      .at(5)
      .receive('alice', 'after reconnect')
      .entries;
    assert.deepEqual(scenarioTimings(entries).messageRttMs, []);
  });

  it('ignores the mock server\'s own events and counts frames and bytes', () => {
    const entries = new TranscriptBuilder().send('server', 'x').send('alice', 'abc').receive('alice', 'abcd').entries;
    const timings = scenarioTimings(entries);
    assert.equal(timings.framesOut, 1);
    assert.equal(timings.framesIn, 1);
    assert.equal(timings.bytesOut, 3);
    assert.equal(timings.bytesIn, 4);
    assert.deepEqual(timings.messageRttMs, [0.5]);
  });

  it('orders entries by time before matching, whatever order they were recorded in', () => {
    const entries = new TranscriptBuilder().at(5).receive('alice', 'reply').at(1).send('alice', 'request').entries;
    assert.deepEqual(scenarioTimings(entries).messageRttMs, [4]);
  });

  it('gives the sample transcript a ping and two message round trips', () => {
    const timings = scenarioTimings(sampleChatTranscript());
    assert.equal(timings.pingRttMs.length, 1);
    assert.equal(timings.messageRttMs.length, 2);
  });
});

describe('timing statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    assert.deepEqual(timingStats(samples), { count: 100, min: 1, mean: 50.5, p50: 50, p95: 95, max: 100 });
  });

  it('handles one sample and none', () => {
    assert.deepEqual(timingStats([3.14159]), { count: 1, min: 3.142, mean: 3.142, p50: 3.142, p95: 3.142, max: 3.142 });
    assert.equal(timingStats([]), undefined);
  });

  it('does not depend on sample order', () => {
    assert.deepEqual(timingStats([5, 1, 4, 2, 3]), timingStats([1, 2, 3, 4, 5]));
  });

  it('formats durations for people', () => {
    assert.equal(formatMs(0.25), '250 µs');
    assert.equal(formatMs(12.3456), '12.3 ms');
    assert.equal(formatMs(2500), '2.5 s');
  });
});
