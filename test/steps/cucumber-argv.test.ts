import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCucumberArgv } from '../../src/cli/cucumber-argv';
import { UsageError } from '../../src/usage-error';

test("cucumber's options become its configuration, as cucumber's own command reads them", () => {
  const { options, configuration } = parseCucumberArgv([
    'features/a.feature',
    '-t', '@smoke',
    '--tags=not @slow',
    '--name=^echo$',
    '-f', 'progress',
    '--format', 'json:out.json',
    '--world-parameters', '{"tls":{"ca":"ca.pem"},"target":"ws://a"}',
    '--world-parameters', '{"tls":{"insecure":true}}',
    '--parallel', '2',
    '--no-strict',
    '-d',
    '-p', 'ci',
    '--i18n-keywords', 'fr',
    '--',
    '--literal-path',
  ]);
  assert.deepEqual(options, { profile: ['ci'], i18nKeywords: 'fr' });
  assert.deepEqual(configuration, {
    paths: ['features/a.feature', '--literal-path'],
    tags: '(@smoke) and (not @slow)',
    name: ['^echo$'],
    format: ['progress', 'json:out.json'],
    worldParameters: { tls: { ca: 'ca.pem', insecure: true }, target: 'ws://a' },
    parallel: 2,
    strict: false,
    dryRun: true,
  });
});

test('a bad cucumber option is a usage error that says why', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--bogus'], /^unknown option '--bogus'/],
    [['-z'], /^unknown option '-z'/],
    [['--tags'], /^option '-t, --tags <EXPRESSION>' argument missing/],
    [['--retry', 'x'], /^--retry must be a non negative integer, not "x"/],
    [['--dry-run=yes'], /takes no value/],
    [['--language', 'xx'], /^Unsupported ISO 639-1: xx/],
  ];
  for (const [argv, reason] of cases) {
    assert.throws(() => parseCucumberArgv(argv), (error: unknown) => error instanceof UsageError && reason.test(error.message), argv.join(' '));
  }
});
