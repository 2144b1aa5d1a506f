import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunMessageMasking } from '../../src/report/run-message-masking';
import { MaskedMessages } from '../../src/report/shared-masking';
import { REDACTED } from '../../src/secrets/redact';

const FEATURE = [
  'Feature: f',
  '  Scenario: s',
  '    Given "alice" sends the headers:',
  '      | Cookie | sid=table-cookie-1 |',
  '    Then "alice" should have the header "Authorization" with value "Bearer phrase-token-2"',
].join('\n');

const source = { source: { uri: 'f.feature', data: FEATURE, mediaType: 'text/x.cucumber.gherkin+plain' } };
const document = {
  gherkinDocument: {
    uri: 'f.feature',
    feature: {
      name: 'f',
      children: [
        {
          scenario: {
            id: 'sc',
            name: 's',
            steps: [
              { id: 'st1', text: '"alice" sends the headers:', dataTable: { rows: [{ id: 'r', cells: [{ value: 'Cookie' }, { value: 'sid=table-cookie-1' }] }] } },
              { id: 'st2', text: '"alice" should have the header "Authorization" with value "Bearer phrase-token-2"' },
            ],
          },
        },
      ],
    },
  },
};
const outlinePickle = {
  pickle: { id: 'p2', uri: 'f.feature', name: 'o', astNodeIds: ['a'], steps: [{ id: 'ps', text: 'the header "Cookie" with value "sid=examples-row-3"', astNodeIds: [] }] },
};
const started = { testRunStarted: { timestamp: { seconds: 0, nanos: 0 } } };

/** Groups as cucumber's {string} parameter builds them: the quoted text, with the text inside as a child. */
function quotedGroups(text: string): Array<{ group: Group; parameterTypeName: string }> {
  return [...text.matchAll(/"([^"]*)"/g)].map((match) => ({
    parameterTypeName: 'string',
    group: { start: match.index, value: match[0], children: [{ start: match.index + 1, value: match[1] ?? '', children: [{}] }, { children: [{}] }] },
  }));
}

interface Group {
  start?: number;
  value?: string;
  children?: Group[];
}

/** Every group with an offset, children included, paired with the text it must be a slice of. */
function groupsOf(groups: readonly Group[]): Group[] {
  return groups.flatMap((group) => [group, ...groupsOf(group.children ?? [])]).filter((group) => group.start !== undefined);
}

function all(redaction: RunMessageMasking, envelopes: object[]): string {
  const out = envelopes.flatMap((envelope) => redaction.accept(envelope));
  return JSON.stringify([...out, ...redaction.release()]);
}

describe('run message masking', () => {
  it('holds the run\'s first messages until testRunStarted, then hands them on in order, masked', () => {
    const redaction = new RunMessageMasking([], {});
    assert.deepEqual(redaction.accept(source), []);
    assert.deepEqual(redaction.accept(document), []);
    assert.deepEqual(redaction.accept(outlinePickle), []);
    const released = redaction.accept(started);
    assert.deepEqual(
      released.map((envelope) => Object.keys(envelope)[0]),
      ['source', 'gherkinDocument', 'pickle', 'testRunStarted'],
    );
    const text = JSON.stringify(released);
    for (const secret of ['table-cookie-1', 'phrase-token-2', 'examples-row-3']) assert.ok(!text.includes(secret), secret);
    assert.ok(text.includes(`| Cookie | ${REDACTED} |`));
    // Later messages pass one by one.
    assert.equal(redaction.accept({ testCase: { id: 'c', pickleId: 'p2', testSteps: [] } }).length, 1);
  });

  it('masks a value learnt from a later file in an earlier file too', () => {
    const other = { source: { uri: 'g.feature', data: 'Feature: g\n  # mentions sid=examples-row-3 in a comment', mediaType: 'text/x.cucumber.gherkin+plain' } };
    const text = all(new RunMessageMasking([], {}), [other, outlinePickle, started]);
    assert.ok(!text.includes('examples-row-3'));
  });

  it('reads a source that never parsed as plain lines when the run ends', () => {
    const broken = { source: { uri: 'b.feature', data: 'Feture: typo\n  | Cookie | sid=unparsed-4 |', mediaType: 'text/x.cucumber.gherkin+plain' } };
    const text = all(new RunMessageMasking([], {}), [broken, { parseError: { source: { uri: 'b.feature' }, message: 'expected Feature' } }]);
    assert.ok(!text.includes('unparsed-4'), text);
    assert.ok(text.includes(`| Cookie | ${REDACTED} |`));
  });

  it('masks headers named in the configuration, and values given through ${env:NAME}', () => {
    const pickle = {
      pickle: {
        id: 'p',
        uri: 'f.feature',
        name: 'n',
        astNodeIds: [],
        steps: [{ id: 's', text: 'headers:', astNodeIds: [], argument: { dataTable: { rows: [{ cells: [{ value: 'X-Api-Key' }, { value: 'key-literal-5' }] }] } } }],
      },
    };
    const redaction = new RunMessageMasking(['x-api-key'], {});
    const text = all(redaction, [pickle, started, { attachment: { body: 'echo key-literal-5', contentEncoding: 'IDENTITY', mediaType: 'text/plain' } }]);
    assert.ok(!text.includes('key-literal-5'));
    const unnamed = all(new RunMessageMasking([], {}), [pickle, started]);
    assert.ok(unnamed.includes('key-literal-5'), 'X-Api-Key is only secret when named');
  });

  it('leaves ids, uris and binary attachments alone, decodes text attachments, and never changes the original', () => {
    const redaction = new RunMessageMasking([], {});
    redaction.redactor.addSecretValue('abcd');
    redaction.accept(started);
    const svg = Buffer.from('<svg><text>abcd</text></svg>').toString('base64');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x61, 0x62, 0x63, 0x64]).toString('base64');
    const original = {
      attachment: { testCaseStartedId: 'x-abcd-y', body: svg, contentEncoding: 'BASE64', mediaType: 'image/svg+xml', fileName: 'abcd.svg' },
    };
    const [masked] = redaction.accept(original) as Array<typeof original>;
    assert.equal(masked?.attachment.testCaseStartedId, 'x-abcd-y');
    assert.equal(masked?.attachment.fileName, `${REDACTED}.svg`);
    assert.equal(Buffer.from(masked?.attachment.body ?? '', 'base64').toString('utf8'), `<svg><text>${REDACTED}</text></svg>`);
    assert.equal(original.attachment.body, svg);
    const [image] = redaction.accept({ attachment: { body: png, contentEncoding: 'BASE64', mediaType: 'image/png' } }) as Array<typeof original>;
    assert.equal(image?.attachment.body, png);
    const [pickle] = redaction.accept({ pickle: { id: 'abcd-1', uri: 'abcd.feature', name: 'abcd', steps: [] } }) as Array<{ pickle: Record<string, unknown> }>;
    assert.deepEqual(pickle?.pickle, { id: 'abcd-1', uri: 'abcd.feature', name: REDACTED, steps: [] });
  });

  it('moves step argument offsets onto the masked step text, so that each group is the slice it names', () => {
    const text = 'the mock server should have received the header "Cookie" with value "sid=offset-secret-6" from "alice"';
    const pickle = { pickle: { id: 'p', uri: 'f.feature', name: 'n', astNodeIds: [], steps: [{ id: 'ps1', text, astNodeIds: [] }] } };
    const arguments_ = quotedGroups(text);
    // A group inside the secret, as a regular expression step could capture: it must not keep a part of it.
    const inside = text.indexOf('offset-secret');
    arguments_.push({ parameterTypeName: 'word', group: { start: inside, value: 'offset', children: [] } });
    const testCase = { testCase: { id: 'c', pickleId: 'p', testSteps: [{ id: 't1', pickleStepId: 'ps1', stepDefinitionIds: ['d'], stepMatchArgumentsLists: [{ stepMatchArguments: arguments_ }] }] } };
    const redaction = new RunMessageMasking([], {});
    const out = [pickle, started, testCase].flatMap((envelope) => redaction.accept(envelope)) as Array<Record<string, any>>;
    const maskedText: string = out[0]?.pickle.steps[0].text;
    assert.equal(maskedText, `the mock server should have received the header "Cookie" with value "${REDACTED}" from "alice"`);
    const maskedArguments: Array<{ group: Group; parameterTypeName: string }> = out[2]?.testCase.testSteps[0].stepMatchArgumentsLists[0].stepMatchArguments;
    assert.deepEqual(maskedArguments.map((argument) => argument.parameterTypeName), ['string', 'string', 'string', 'word']);
    const groups = groupsOf(maskedArguments.map((argument) => argument.group));
    assert.equal(groups.length, 7);
    for (const group of groups) assert.equal(maskedText.slice(group.start, (group.start ?? 0) + (group.value ?? '').length), group.value, JSON.stringify(group));
    assert.deepEqual(groups.map((group) => group.value), ['"Cookie"', 'Cookie', `"${REDACTED}"`, REDACTED, '"alice"', 'alice', REDACTED]);
    assert.ok(!JSON.stringify(out).includes('offset-secret'));
    // The original message is left as it was, for the other formatters.
    assert.equal(testCase.testCase.testSteps[0]?.stepMatchArgumentsLists[0]?.stepMatchArguments[2]?.group.start, text.indexOf('"alice"'));
  });
});

describe('one masked stream per run', () => {
  it('every formatter of a run gets the very copies the first one masked; another run gets its own', () => {
    const meta = { meta: { protocolVersion: 'x' } };
    const first = new MaskedMessages([], {});
    const second = new MaskedMessages([], {});
    const messages = [meta, source, document, outlinePickle, started, { attachment: { body: 'ws://u:pw-123@h', mediaType: 'text/plain' } }];
    const seenByFirst = messages.flatMap((message) => first.accept(message));
    const seenBySecond = messages.flatMap((message) => second.accept(message));
    assert.equal(seenBySecond.length, messages.length);
    seenBySecond.forEach((message, index) => assert.equal(message, seenByFirst[index], `message ${index} is the same object`));
    assert.doesNotMatch(JSON.stringify(seenBySecond), /pw-123/);
    const otherRun = new MaskedMessages([], {});
    const seenByOtherRun = [{ meta: { protocolVersion: 'x' } }, started].flatMap((message) => otherRun.accept(message));
    assert.notEqual(seenByOtherRun[seenByOtherRun.length - 1], seenByFirst[4]);
  });
});
