import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHROMIUM, chromiumAvailable, dumpDom } from './chromium';
import { removeDir, runCucumber, tempReportsDir } from './cucumber-run';

interface Group {
  start?: number;
  value?: string;
  children?: Group[];
}

interface Message {
  pickle?: { steps: Array<{ id: string; text: string }> };
  testCase?: { testSteps: Array<{ pickleStepId?: string; stepMatchArgumentsLists?: Array<{ stepMatchArguments: Array<{ group: Group }> }> }> };
}

const MASKED_STEPS = [
  'Then the mock server should have received the header "Cookie" with value "[redacted]" from "carol"',
  'Then the mock server should have received the header "Cookie" with value "[redacted]" from "dave"',
];

/** The messages cucumber's HTML formatter embeds in report.html, which its page renders from. */
function embeddedMessages(html: string): Message[] {
  const match = /window\.CUCUMBER_MESSAGES = (\[[\s\S]*?\]);\s*<\/script>/.exec(html);
  assert.ok(match, 'report.html embeds its messages');
  // The formatter writes "<" as the JavaScript escape \x3C, which JSON lacks; a backslash before it that
  // is itself escaped belongs to the text.
  const json = (match[1] ?? '[]').replace(/(?<!\\)((?:\\\\)*)\\x3C/g, '$1\\u003C');
  return JSON.parse(json) as Message[];
}

function flatten(groups: readonly Group[]): Group[] {
  return groups.flatMap((group) => [group, ...flatten(group.children ?? [])]).filter((group) => group.start !== undefined);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('step text with a masked secret in report.html', () => {
  let reportsDir = '';
  let html = '';

  before(async () => {
    reportsDir = await tempReportsDir('masked-steps');
    await runCucumber({ features: ['literal-secret.feature'], reportsDir });
    html = await readFile(join(reportsDir, 'report.html'), 'utf8');
  });

  after(async () => {
    if (reportsDir) await removeDir(reportsDir);
  });

  it('embeds step arguments whose offsets fit the masked step text', () => {
    const messages = embeddedMessages(html);
    const texts = new Map(messages.flatMap((message) => message.pickle?.steps.map((step) => [step.id, step.text] as const) ?? []));
    let checked = 0;
    let afterMask = 0;
    for (const step of messages.flatMap((message) => message.testCase?.testSteps ?? [])) {
      const text = texts.get(step.pickleStepId ?? '');
      if (text === undefined) continue;
      for (const group of flatten((step.stepMatchArgumentsLists ?? []).flatMap((list) => list.stepMatchArguments.map((argument) => argument.group)))) {
        const start = group.start ?? 0;
        assert.equal(text.slice(start, start + (group.value ?? '').length), group.value, `${JSON.stringify(group)} in ${text}`);
        checked++;
        if (text.includes('[redacted]') && start > text.indexOf('[redacted]')) afterMask++;
      }
    }
    assert.ok(afterMask >= 4, `arguments after a mask were checked (${afterMask} of ${checked})`);
  });

  it('shows each step with a masked argument once, whole, in Chromium', async (t) => {
    if (!chromiumAvailable()) {
      if (process.env.WSBDD_REQUIRE_CHROMIUM) assert.fail(`${CHROMIUM} is not installed but WSBDD_REQUIRE_CHROMIUM is set`);
      t.skip(`${CHROMIUM} is not installed (.ci/run installs Debian's chromium)`);
      return;
    }
    const dom = (await dumpDom(join(reportsDir, 'report.html'))).replace(/<script[\s\S]*?<\/script>/g, '');
    // Each step is a heading: its keyword, then the text cut into plain parts and highlighted arguments.
    const headings = [...dom.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((match) => decodeEntities((match[1] ?? '').replace(/<[^>]+>/g, '')).trim());
    const received = headings.filter((heading) => heading.includes('should have received the header'));
    assert.deepEqual(received, MASKED_STEPS);
  });
});
