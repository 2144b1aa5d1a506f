import { execFile } from 'node:child_process';

export { REPO_ROOT } from '../repo-root';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command in a child process; it is killed after `timeoutMs`. */
export function run(file: string, args: string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: error && code === -1 ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

/** npm without the test runner's variables, which npm would pass on to what it runs. */
export function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  for (const name of Object.keys(env)) if (name.startsWith('WSBDD_')) delete env[name];
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

/** What the package file holds: the files a user gets, and none of the repository's tests and benches. */
export const MUST_SHIP = [
  'package.json',
  'README.md',
  'bin/wsbdd.js',
  'dist/src/index.js',
  'dist/src/index.d.ts',
  'dist/src/cli/main.js',
  'dist/steps/index.js',
  'dist/src/report/install-interrupts.js',
  'dist/src/report/html-formatter.js',
  'features/conformance/framing.feature',
  'features/examples/chat.feature',
  'docs/steps.md',
];

/** Why a packed path should not be there, or undefined when it belongs. */
export function unwanted(path: string): string | undefined {
  if (/^(test|bench|src|steps|reports|node_modules)\//.test(path)) return 'a repository file, not part of the package';
  if (/^dist\/(test|bench)\//.test(path)) return 'a compiled test or bench';
  if (path.endsWith('.map')) return 'a source map of sources that are not shipped';
  if (/^features\/self\//.test(path)) return "wsbdd's own self-test";
  return undefined;
}
