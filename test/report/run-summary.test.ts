import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ATTACHMENT } from '../../src/report/attachment-names';
import type { Envelope } from '../../src/report/envelopes';
import { ReportError, ReportErrorCode } from '../../src/report/errors';
import { summaryLine, summaryText } from '../../src/report/run-summary';
import { parseMessages, summariseMessages, writeRunSummary } from '../../src/report/run-summary-from-messages';

/** Writes the messages cucumber would emit for a few scenarios, in the order it emits them. */
class Messages {
  // Only the fields the summary reads: real messages carry more (ids of AST nodes, tags, languages).
  readonly envelopes: object[] = [{ testRunStarted: { timestamp: { seconds: 100, nanos: 0 } } }];
  private next = 0;

  scenario(
    name: string,
    attempts: Array<{ statuses: string[]; message?: string; timings?: object; notRun?: boolean }>,
  ): this {
    const id = `s${this.next++}`;
    const stepCount = Math.max(...attempts.map((attempt) => attempt.statuses.length));
    const steps = Array.from({ length: stepCount }, (_, index) => ({ id: `${id}-p${index}`, text: `step ${index} of ${name}` }));
    this.envelopes.push({ pickle: { id: `${id}-pickle`, name, uri: 'features/x.feature', steps } });
    this.envelopes.push({
      testCase: {
        id: `${id}-case`,
        pickleId: `${id}-pickle`,
        testSteps: [{ id: `${id}-hook`, hookId: 'h1' }, ...steps.map((step) => ({ id: `${id}-t-${step.id}`, pickleStepId: step.id }))],
      },
    });
    attempts.forEach((attempt, index) => {
      const started = `${id}-a${index}`;
      this.envelopes.push({
        testCaseStarted: { id: started, testCaseId: `${id}-case`, attempt: index, timestamp: { seconds: 100, nanos: 0 } },
      });
      this.envelopes.push({ testStepFinished: { testCaseStartedId: started, testStepId: `${id}-hook`, testStepResult: { status: 'PASSED' } } });
      if (attempt.notRun) {
        this.envelopes.push({
          attachment: { ...ATTACHMENT.notRun, body: 'Not run', contentEncoding: 'IDENTITY', testCaseStartedId: started },
        });
      }
      attempt.statuses.forEach((status, stepIndex) => {
        this.envelopes.push({
          testStepFinished: {
            testCaseStartedId: started,
            testStepId: `${id}-t-${steps[stepIndex]?.id}`,
            testStepResult: { status, message: status === 'FAILED' ? attempt.message : undefined },
          },
        });
      });
      if (attempt.timings) {
        this.envelopes.push({
          attachment: {
            ...ATTACHMENT.timings,
            body: Buffer.from(JSON.stringify(attempt.timings)).toString('base64'),
            contentEncoding: 'BASE64',
            testCaseStartedId: started,
          },
        });
      }
      this.envelopes.push({
        testCaseFinished: {
          testCaseStartedId: started,
          willBeRetried: index < attempts.length - 1,
          timestamp: { seconds: 100, nanos: (index + 1) * 1_000_000 },
        },
      });
    });
    return this;
  }

  finish(success: boolean): Envelope[] {
    this.envelopes.push({ testRunFinished: { timestamp: { seconds: 102, nanos: 500_000_000 }, success } });
    return this.envelopes as Envelope[];
  }
}

function timings(connect: number[], rtt: number[], framesIn = 1, framesOut = 1): object {
  return {
    version: 1,
    samples: { connectMs: connect, handshakeMs: connect, pingRttMs: [], messageRttMs: rtt },
    stats: {},
    thinned: false,
    frames: { in: framesIn, out: framesOut },
    bytes: { in: 10 * framesIn, out: 10 * framesOut },
  };
}

describe('run summary', () => {
  const envelopes = new Messages()
    .scenario('passes', [{ statuses: ['PASSED', 'PASSED'], timings: timings([1, 2], [0.5, 0.7]) }])
    .scenario('fails', [{ statuses: ['PASSED', 'FAILED', 'SKIPPED'], message: 'expected "a"\nbut got "b"', timings: timings([3], [9]) }])
    .scenario('flaky', [
      { statuses: ['FAILED'], message: 'first try failed', timings: timings([100], [100]) },
      { statuses: ['PASSED'], timings: timings([4], [1]) },
    ])
    .scenario('undefined', [{ statuses: ['PASSED', 'UNDEFINED'] }])
    .scenario('not run', [{ statuses: ['SKIPPED'], notRun: true }])
    .finish(false);
  const summary = summariseMessages(envelopes);

  it('counts final attempts by status, and retries and scenarios not run', () => {
    assert.equal(summary.scenarios.total, 5);
    assert.equal(summary.scenarios.passed, 2);
    assert.equal(summary.scenarios.failed, 1);
    assert.equal(summary.scenarios.undefined, 1);
    assert.equal(summary.scenarios.skipped, 1);
    assert.equal(summary.scenarios.notRun, 1);
    assert.equal(summary.scenarios.retried, 1);
    assert.equal(summary.interrupted, true);
    assert.equal(summary.success, false);
  });

  it('counts steps of final attempts, hooks left out', () => {
    assert.deepEqual(
      { total: summary.steps.total, passed: summary.steps.passed, failed: summary.steps.failed, skipped: summary.steps.skipped, undefined: summary.steps.undefined },
      { total: 9, passed: 5, failed: 1, skipped: 2, undefined: 1 },
    );
  });

  it('merges timing samples of final attempts into percentiles', () => {
    assert.deepEqual(summary.timings.connectMs, { count: 4, min: 1, mean: 2.5, p50: 2, p95: 4, max: 4 });
    assert.equal(summary.timings.messageRttMs?.count, 4);
    assert.equal(summary.timings.messageRttMs?.max, 9);
    assert.equal(summary.timings.pingRttMs, undefined);
    assert.deepEqual(summary.frames, { in: 3, out: 3 });
  });

  it('lists what did not pass with the failing step and message', () => {
    assert.deepEqual(
      summary.failures.map((failure) => [failure.scenario, failure.status, failure.step, failure.message]),
      [
        ['fails', 'failed', 'step 1 of fails', 'expected "a"\nbut got "b"'],
        ['undefined', 'undefined', 'step 1 of undefined', 'undefined'],
      ],
    );
  });

  it('gives the run duration and per-scenario details', () => {
    assert.equal(summary.durationMs, 2500);
    assert.equal(summary.startedAt, new Date(100_000).toISOString());
    const flaky = summary.scenarioList.find((scenario) => scenario.name === 'flaky');
    assert.equal(flaky?.attempt, 1);
    assert.equal(flaky?.status, 'passed');
    assert.equal(flaky?.durationMs, 2);
  });

  it('reads as one line and as a few lines of text', () => {
    const line = summaryLine(summary);
    // The parts add up to the total: the scenario not run is not also counted as skipped.
    assert.match(line, /^wsbdd: 5 scenarios \(2 passed, 1 failed, 1 undefined, 1 not run\) · INTERRUPTED · 2\.5 s · /);
    assert.match(line, /connect p50 2 ms p95 4 ms/);
    const text = summaryText(summary);
    assert.match(text, /^wsbdd run summary \(interrupted: the rest was not run\)\n/);
    assert.match(text, /message round trip: p50 700 µs · p95 9 ms · max 9 ms \(n=4\)/);
    assert.match(text, /features\/x\.feature: fails \[failed\] at "step 1 of fails": expected "a"\n/);
  });

  it('marks a scenario still running when messages end as unknown, and the run as unfinished', () => {
    const cut = new Messages().scenario('passes', [{ statuses: ['PASSED'] }]).envelopes as Envelope[];
    const lastFinished = cut.findIndex((envelope) => envelope.testCaseFinished);
    const partial = summariseMessages(cut.slice(0, lastFinished));
    assert.equal(partial.scenarios.unknown, 1);
    assert.equal(partial.success, undefined);
    assert.equal(partial.finishedAt, undefined);
  });
});

describe('summary.json from messages.ndjson', () => {
  it('parses NDJSON, skipping a torn last line', () => {
    const text = '{"testRunStarted":{"timestamp":{"seconds":1,"nanos":0}}}\n\n{"pickle":{"id":"p"';
    assert.equal(parseMessages(text).length, 1);
  });

  it('writes summary.json beside messages.ndjson', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsbdd-summary-'));
    try {
      const envelopes = new Messages().scenario('passes', [{ statuses: ['PASSED'], timings: timings([1], []) }]).finish(true);
      await writeFile(join(dir, 'messages.ndjson'), envelopes.map((envelope) => JSON.stringify(envelope)).join('\n') + '\n');
      const summary = await writeRunSummary(dir);
      const written = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
      assert.deepEqual(written, JSON.parse(JSON.stringify(summary)));
      assert.equal(written.scenarios.passed, 1);
      assert.equal(written.success, true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails with a typed error when messages.ndjson is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsbdd-summary-'));
    try {
      await assert.rejects(writeRunSummary(dir), (error: unknown) => error instanceof ReportError && error.code === ReportErrorCode.NoMessages);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
