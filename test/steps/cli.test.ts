import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseRunArgs } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { REPO_ROOT } from './harness';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runMain(argv: string[], cwd = REPO_ROOT, env: NodeJS.ProcessEnv = process.env): Promise<Captured> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(argv, { stdout, stderr, cwd, env });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** The command in a child process, as a user runs it (compiled, no ts-node). */
function runChild(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Captured> {
  const script = join(cwd, 'run-wsbdd.js');
  writeFileSync(script, `require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'main.js'))}).runFromCommandLine();\n`);
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...argv], { cwd, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** bin/wsbdd.js itself, as npx runs it. */
function runBin(argv: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 120_000): Promise<Captured> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'wsbdd.js'), ...argv], { cwd, env: { ...process.env, ...env }, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const REPORT_FILES = ['report.html', 'junit.xml', 'messages.ndjson', 'report.json', 'summary.json'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wsbdd-cli-test-'));
}

test('run arguments: wsbdd options taken out, everything else left for cucumber in order', () => {
  const args = parseRunArgs(['features/a.feature', '--target', 'http://h:1', '--tags', '@smoke', '--parallel=2', '--retry', '1', '--profile', 'ci', '--timeout', '5s', '--reports=out', '--shard', '2/3', '--format', 'summary', '--fail-fast', '--', '--odd-name.feature']);
  assert.equal(args.target, 'ws://h:1/');
  assert.equal(args.timeoutMs, 5000);
  assert.equal(args.reportsDir, 'out');
  assert.deepEqual(args.cucumberArgv, ['features/a.feature', '--tags', '@smoke', '--parallel', '2', '--retry', '1', '--profile', 'ci', '--shard', '2/3', '--format', 'summary', '--fail-fast', '--', '--odd-name.feature']);
});

test('bad usage exits 2 with the reason on stderr', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--bogus'], /unknown option '--bogus'/],
    [['--target', 'ftp://x'], /target "ftp:\/\/x" must start with ws:\/\//],
    [['--target', 'ftp://ann:pw-in-url@x'], /target "ftp:\/\/ann:\[redacted\]@x" must start with ws:\/\//],
    [['--parallel', 'many'], /--parallel needs a whole number/],
    [['--timeout', 'soon'], /--timeout needs milliseconds or a duration/],
    [['--timeout', '3000000000'], /--timeout "3000000000" is longer than a wait can last \(2147483647 ms\)/],
    [['--timeout', '40000 minutes'], /--timeout "40000 minutes" is longer than a wait can last/],
    [['--shard', '3/2'], /--shard needs INDEX\/TOTAL with 1 <= INDEX <= TOTAL, e\.g\. 1\/3, not "3\/2"/],
    [['--shard=0/2'], /--shard needs INDEX\/TOTAL/],
    [['--shard', 'half'], /--shard needs INDEX\/TOTAL/],
    [['merge-reports'], /wsbdd merge-reports needs the report directories of the shards/],
    [['merge-reports', 'a', '--out', 'b'], /unknown option --out \(only --reports DIR\)/],
    [['--reports'], /--reports needs a value/],
    [['--tags'], /option '-t, --tags <EXPRESSION>' argument missing/],
    [['--world-parameters', '{"target":'], /--world-parameters passed invalid JSON/],
    [['--world-parameters', '[1]'], /--world-parameters must be passed JSON of an object/],
    [['--i18n-keywords', 'xx'], /Unsupported ISO 639-1: xx/],
    [['--order', 'sideways'], /cannot load the cucumber configuration: .*order/],
    [['--profile', 'no-such-profile'], /cannot load the cucumber configuration: .*no-such-profile/],
    [['-p', 'no-such-profile'], /cannot load the cucumber configuration: .*no-such-profile/],
    [['--config', 'missing.js'], /configuration file missing\.js not found/],
    [['features/no-such-dir'], /no scenario to run in features\/no-such-dir/],
    [['features/examples', '--tags', '@no-such-tag'], /no scenario to run in features\/examples with tags "\(?@no-such-tag\)?"/],
    [['steps', '--html'], /unknown argument --html/],
  ];
  for (const [argv, reason] of cases) {
    const result = await runMain(argv);
    assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, reason, argv.join(' '));
  }
});

test('bad configuration from the environment or the world parameters exits 2 before any scenario runs', async () => {
  const missingCa = join(REPO_ROOT, 'no-such-dir', 'missing-ca.pem');
  const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
    [[], { WSBDD_TARGET: 'nonsense' }, /bad configuration: target "nonsense" is not a URL/],
    [['--world-parameters', '{"target":"nonsense"}'], {}, /bad configuration: target "nonsense" is not a URL/],
    [[], { WSBDD_TIMEOUT_MS: 'abc' }, /bad configuration: timeout "abc" is neither milliseconds nor a duration/],
    [[], { WSBDD_TIMEOUT_MS: '40000 minutes' }, /bad configuration: timeout "40000 minutes" is longer than a wait can last/],
    [['--world-parameters', '{"timeoutMs":-5}'], {}, /bad configuration: timeout -5 must be a positive number/],
    [['--world-parameters', JSON.stringify({ tls: { ca: missingCa } })], {}, /bad configuration: cannot read the CA file ".*missing-ca\.pem"/],
    [[], { WSBDD_CA_FILE: missingCa }, /bad configuration: cannot read the CA file ".*missing-ca\.pem"/],
  ];
  for (const [argv, env, reason] of cases) {
    const what = `${argv.join(' ')} ${JSON.stringify(env)}`;
    const result = await runMain(['features/examples', ...argv], REPO_ROOT, { ...process.env, ...env });
    assert.equal(result.code, 2, `${what}: ${result.stderr}`);
    assert.match(result.stderr, reason, what);
    assert.doesNotMatch(result.stdout, /scenarios? \(/, `${what}: no scenario runs`);
  }
});

test('--target still wins over a bad WSBDD_TARGET', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'refused.feature'), 'Feature: t\n  Scenario: target\n    Given "a" is connected\n');
    const result = await runChild(['refused.feature', '--target', 'ws://127.0.0.1:1/'], dir, { WSBDD_TARGET: 'nonsense', WSBDD_REPORTS_DIR: join(dir, 'reports') });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /connect\/ECONNREFUSED/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--version prints the versions of wsbdd and cucumber', async () => {
  const ours = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const cucumber = (require('@cucumber/cucumber/package.json') as { version: string }).version;
  for (const flag of ['--version', '-v']) {
    const result = await runMain([flag]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `wsbdd ${ours} (cucumber ${cucumber})\n`);
  }
});

test('options wsbdd does not know go to cucumber: its own informational options answer', async () => {
  const languages = await runMain(['--i18n-languages']);
  assert.equal(languages.code, 0, languages.stderr);
  assert.match(languages.stdout, /^fr +\| French/m);
  const keywords = await runMain(['--i18n-keywords', 'fr']);
  assert.equal(keywords.code, 0, keywords.stderr);
  assert.match(keywords.stdout, /Fonctionnalité/);
});

test('options wsbdd does not know go to cucumber: they shape the run', async () => {
  const dir = tempDir();
  try {
    writeFileSync(
      join(dir, 'two.feature'),
      'Feature: two\n  Scenario: echo\n    Given "a" is connected\n    When "a" sends "x"\n    Then "a" should receive "x"\n' +
        '  Scenario: silence\n    Given "a" is connected\n    Then "a" should receive "never sent"\n',
    );
    const env = { WSBDD_REPORTS_DIR: join(dir, 'reports') };
    // --name=... filters to the passing scenario; without it the run fails.
    const named = await runChild(['two.feature', '--name=^echo$', '--timeout', '200'], dir, env);
    assert.equal(named.code, 0, named.stderr + named.stdout);
    assert.match(named.stdout, /1 scenario \(1 passed\)/);
    // -d is cucumber's short --dry-run: nothing runs, so nothing fails.
    const dry = await runChild(['two.feature', '-d'], dir, env);
    assert.equal(dry.code, 0, dry.stderr + dry.stdout);
    assert.match(dry.stdout, /2 scenarios \(2 skipped\)/);
    const all = await runChild(['two.feature', '--timeout', '200'], dir, env);
    assert.equal(all.code, 1, all.stderr + all.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a feature file with a syntax error exits 2', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'broken.feature'), 'Feature: broken\n  Scenario: x\n    Given "a" is connected\n  Nonsense here\n');
    const result = await runMain([join(dir, 'broken.feature')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /the feature files have errors/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help prints the usage', async () => {
  const result = await runMain(['--help']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /wsbdd steps \[--markdown\]/);
  assert.match(result.stdout, /Exit codes: 0 all scenarios passed, 1 a scenario failed, 2 bad usage or configuration/);
  for (const option of ['--reports DIR', '--version']) assert.ok(result.stdout.includes(option), option);
  // The names the settings are read under (src/world/config.ts, cucumber.js).
  for (const variable of ['WSBDD_TARGET', 'WSBDD_TIMEOUT_MS', 'WSBDD_CA_FILE', 'WSBDD_INSECURE', 'WSBDD_REPORTS_DIR']) {
    assert.match(result.stdout, new RegExp(`^  ${variable} `, 'm'), variable);
  }
});

test('wsbdd steps prints every phrase with an example', async () => {
  const result = await runMain(['steps']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Given a client \{string\} for \{string\}\n.*\n {4}e\.g\. Given a client "alice" for "\/chat"/);
  assert.match(result.stdout, /Then \{string\} should receive \{string\} \[within \{duration\}\]/);
});

test('without a cucumber configuration, wsbdd runs its own steps: exit 0 when all pass, 1 when one fails', async () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, 'features'));
    writeFileSync(join(dir, 'features', 'pass.feature'), 'Feature: p\n  Scenario: echo\n    Given "a" is connected\n    When "a" sends "x"\n    Then "a" should receive "x"\n');
    writeFileSync(join(dir, 'fail.feature'), 'Feature: f\n  Scenario: silence\n    Given "a" is connected\n    Then "a" should receive "never sent"\n');
    const env = { WSBDD_REPORTS_DIR: join(dir, 'reports') };
    const passed = await runChild(['--timeout', '200'], dir, env);
    assert.equal(passed.code, 0, passed.stderr + passed.stdout);
    assert.match(passed.stdout, /1 scenario \(1 passed\)/);
    for (const report of ['junit.xml', 'report.html', 'summary.json']) assert.ok(existsSync(join(dir, 'reports', report)), `${report} is written`);
    const failed = await runChild(['fail.feature', '--timeout', '200'], dir, env);
    assert.equal(failed.code, 1, failed.stderr + failed.stdout);
    assert.match(failed.stdout, /did not receive a text message "never sent" within 200 ms/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--target goes to the world: the scenarios talk to that server', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'refused.feature'), 'Feature: t\n  Scenario: target\n    Given "a" is connected\n');
    const result = await runChild(['refused.feature', '--target', 'ws://127.0.0.1:1/'], dir, { WSBDD_REPORTS_DIR: join(dir, 'reports') });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /could not connect to ws:\/\/127\.0\.0\.1:1\/: connect\/ECONNREFUSED/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wsbdd init writes a starter project, keeps existing files unless --force', async () => {
  const dir = tempDir();
  try {
    const first = await runMain(['init', 'project'], dir);
    assert.equal(first.code, 0, first.stderr);
    const project = join(dir, 'project');
    assert.match(readFileSync(join(project, 'features', 'echo.feature'), 'utf8'), /Scenario: a message comes back/);
    const again = await runMain(['init', 'project'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exist/);
    assert.equal((await runMain(['init', 'project', '--force'], dir)).code, 0);

    // With wsbdd installed (here: this build, linked in), the starter project runs and passes.
    const installed = join(project, 'node_modules', 'wsbdd');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'package.json'), '{ "name": "wsbdd" }');
    symlinkSync(join(__dirname, '..', '..'), join(installed, 'dist'), 'dir');
    const run = await runChild([], project, { WSBDD_REPORTS_DIR: join(project, 'reports') });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /2 scenarios \(2 passed\)/);
    assert.ok(existsSync(join(project, 'reports', 'report.html')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/wsbdd.js runs the compiled command', { skip: !existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js')) && 'dist/ is not built' }, async () => {
  const result = await new Promise<Captured>((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'wsbdd.js'), '--help'], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Usage:/);
});

test('--reports DIR puts every report there, with the ci profile of cucumber.js and without any configuration', { skip: !existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js')) && 'dist/ is not built' }, async () => {
  const dir = tempDir();
  try {
    const feature = join(dir, 'tiny.feature');
    writeFileSync(feature, 'Feature: tiny\n  Scenario: echo\n    Given "a" is connected\n    When "a" sends "x"\n    Then "a" should receive "x"\n');
    const fromEnv = join(dir, 'from-env');
    const env = { WSBDD_REPORTS_DIR: fromEnv };

    // The repository's cucumber.js reads WSBDD_REPORTS_DIR; its ci profile prints the summary line.
    const ci = await runBin([feature, '--profile', 'ci'], REPO_ROOT, env);
    assert.equal(ci.code, 0, ci.stderr + ci.stdout);
    assert.match(ci.stdout + ci.stderr, /wsbdd: 1 scenario \(1 passed\)/);
    for (const file of REPORT_FILES) assert.ok(existsSync(join(fromEnv, file)), `ci profile: ${file} in WSBDD_REPORTS_DIR`);

    const chosen = join(dir, 'chosen');
    const ciChosen = await runBin([feature, '--profile', 'ci', '--reports', chosen], REPO_ROOT, { WSBDD_REPORTS_DIR: join(dir, 'not-here') });
    assert.equal(ciChosen.code, 0, ciChosen.stderr + ciChosen.stdout);
    for (const file of REPORT_FILES) assert.ok(existsSync(join(chosen, file)), `ci profile with --reports: ${file}`);
    assert.ok(!existsSync(join(dir, 'not-here')), '--reports wins over WSBDD_REPORTS_DIR');

    // No configuration file in the project: wsbdd's built-in reports, a relative DIR read from the current directory.
    const project = join(dir, 'project');
    mkdirSync(project);
    const plain = await runBin([feature, '--reports', 'out'], project, { WSBDD_REPORTS_DIR: join(dir, 'not-here') });
    assert.equal(plain.code, 0, plain.stderr + plain.stdout);
    for (const file of REPORT_FILES) assert.ok(existsSync(join(project, 'out', file)), `no configuration: ${file}`);
    assert.ok(!existsSync(join(dir, 'not-here')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wsbdd init refuses to put a directory where a file is, and writes nothing', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'features'), 'a file, not a directory');
    const blocked = await runMain(['init'], dir);
    assert.equal(blocked.code, 2, blocked.stderr);
    assert.match(blocked.stderr, /wsbdd init: .*features is a file, but wsbdd init needs a directory there/);
    assert.doesNotMatch(blocked.stderr, /EEXIST|\n\s+at /);
    assert.ok(!existsSync(join(dir, 'cucumber.js')), 'nothing written');
    const forced = await runMain(['init', '--force'], dir);
    assert.equal(forced.code, 2, forced.stderr);

    const asDir = await runMain(['init', 'features'], dir);
    assert.equal(asDir.code, 2, asDir.stderr);
    assert.match(asDir.stderr, /features is a file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a configuration, the built-in reports mask secrets written in the feature, also headers named as world parameters', { skip: !existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js')) && 'dist/ is not built' }, async () => {
  const dir = tempDir();
  try {
    writeFileSync(
      join(dir, 'secret.feature'),
      [
        'Feature: secrets',
        '  Scenario: headers',
        '    Given a client "a"',
        '    And "a" sends the headers:',
        '      | Cookie    | sid=COOKIE-IN-FEATURE |',
        '      | X-Api-Key | KEY-IN-FEATURE        |',
        '    When "a" connects',
        '    Then the mock server should have received the header "Cookie" with value "sid=COOKIE-IN-FEATURE" from "a"',
        // A failing step, so the console prints the scenario's steps and tables too.
        '    And "a" should receive "never sent" within 100 ms',
        '',
      ].join('\n'),
    );
    const result = await runBin(['secret.feature', '--reports', 'out', '--world-parameters', '{"secretHeaders":["X-Api-Key"]}'], dir, {});
    assert.equal(result.code, 1, result.stderr + result.stdout);
    assert.match(result.stdout, /did not receive a text message "never sent"/);
    for (const file of REPORT_FILES) {
      const text = readFileSync(join(dir, 'out', file), 'utf8');
      for (const secret of ['COOKIE-IN-FEATURE', 'KEY-IN-FEATURE']) assert.ok(!text.includes(secret), `${secret} in ${file}`);
    }
    for (const secret of ['COOKIE-IN-FEATURE', 'KEY-IN-FEATURE']) assert.ok(!(result.stdout + result.stderr).includes(secret), `${secret} on the console`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
