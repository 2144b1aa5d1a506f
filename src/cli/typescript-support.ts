import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { UsageError } from '../usage-error';

/** A `require` entry naming TypeScript files: `steps/**\/*.ts`, `support/world.mts`, `steps/*.{js,ts}`. */
const TYPESCRIPT_ENTRY = /\.(?:[cm]?tsx?|[{@]\(?[^/]*\b[cm]?tsx?\b[^/]*)$/;

/** Modules that teach Node TypeScript, named in requireModule, loader, NODE_OPTIONS or node's own flags. */
const TYPESCRIPT_LOADERS = /ts-node|\btsx\b|@swc-node|@swc\/register|esbuild-register|@esbuild-kit|@babel\/register|sucrase/;

/** The loader wsbdd brings in for TypeScript support files: ts-node without type checking (tsc's job). */
const TS_NODE_TRANSPILE_ONLY = 'ts-node/register/transpile-only';

/**
 * What to install for TypeScript steps. ts-node compiles through TypeScript's JavaScript API, which
 * TypeScript 7 (the native compiler) no longer has: `npm install typescript` alone now installs a
 * compiler ts-node cannot load, so the major version is named.
 */
export const TYPESCRIPT_INSTALL = 'npm install --save-dev ts-node typescript@5';

/** The first TypeScript without the JavaScript API ts-node needs. */
const FIRST_NATIVE_TYPESCRIPT = 7;

export function typescriptEntries(requirePaths: readonly string[]): string[] {
  return requirePaths.filter((entry) => TYPESCRIPT_ENTRY.test(entry));
}

function hasTypeScriptLoader(run: IRunConfiguration, env: NodeJS.ProcessEnv): boolean {
  const named = [...(run.support.requireModules ?? []), ...(run.support.loaders ?? []), env.NODE_OPTIONS ?? '', ...process.execArgv];
  return named.some((entry) => TYPESCRIPT_LOADERS.test(entry)) || require.extensions['.ts'] !== undefined;
}

/**
 * wsbdd's own steps are JavaScript; only a project's own TypeScript support files need a compiler, and
 * then without type checking. Without any loader configured, ts-node is loaded transpile-only when the
 * project has it; when it has none, the run stops here naming the files and the fix, instead of failing
 * on the first type annotation with a bare syntax error.
 */
export function prepareTypeScriptSupport(run: IRunConfiguration, cwd: string, env: NodeJS.ProcessEnv): void {
  const entries = typescriptEntries(run.support.requirePaths ?? []);
  if (entries.length === 0) return;
  // A configured ts-node type-checks by default; tsc does that, and it would double the start-up.
  env.TS_NODE_TRANSPILE_ONLY ??= 'true';
  process.env.TS_NODE_TRANSPILE_ONLY ??= env.TS_NODE_TRANSPILE_ONLY;
  const configured = hasTypeScriptLoader(run, env);
  if (configured && !usesTsNode(run, env)) return;
  assertTypeScriptForTsNode(cwd, entries);
  if (configured) return;
  let tsNode: string;
  try {
    tsNode = require.resolve(TS_NODE_TRANSPILE_ONLY, { paths: [cwd] });
  } catch {
    const files = entries.map((entry) => `"${entry}"`).join(', ');
    throw new UsageError(
      `the support files ${files} are TypeScript, and nothing in ${cwd} compiles TypeScript: ` +
        `install ts-node and typescript (${TYPESCRIPT_INSTALL}; wsbdd then loads them, ` +
        `without type checking), or add your own loader to requireModule in cucumber.js, or write the steps in JavaScript`,
    );
  }
  run.support.requireModules = [...(run.support.requireModules ?? []), tsNode];
}

function usesTsNode(run: IRunConfiguration, env: NodeJS.ProcessEnv): boolean {
  const named = [...(run.support.requireModules ?? []), ...(run.support.loaders ?? []), env.NODE_OPTIONS ?? '', ...process.execArgv];
  return named.some((entry) => entry.includes('ts-node'));
}

/**
 * ts-node with TypeScript 7 fails on its first file with "Cannot read properties of undefined (reading
 * 'fileExists')", naming neither the file nor the cause; said here, before anything loads.
 */
function assertTypeScriptForTsNode(cwd: string, entries: readonly string[]): void {
  let version: string;
  try {
    ({ version } = require(require.resolve('typescript/package.json', { paths: [cwd] })) as { version: string });
  } catch {
    return;
  }
  const major = Number.parseInt(version, 10);
  if (!(major >= FIRST_NATIVE_TYPESCRIPT)) return;
  const files = entries.map((entry) => `"${entry}"`).join(', ');
  throw new UsageError(
    `the support files ${files} are TypeScript, compiled by ts-node, and ts-node cannot use typescript ${version} ` +
      `(TypeScript ${FIRST_NATIVE_TYPESCRIPT} and later have no JavaScript API): install TypeScript 5 beside it ` +
      `(npm install --save-dev typescript@5), or name a loader that works without it in requireModule (e.g. tsx)`,
  );
}
