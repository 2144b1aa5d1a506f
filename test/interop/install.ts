import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository (the compiled files run from dist/test/interop/). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** The gitignored directory that holds what the interop run installs (npm packages, Deno's cache). */
export const CACHE_DIR = join(REPO_ROOT, '.interop');

/** Debian's own interpreter, which sees the python3-* packages (a pyenv python3 on PATH does not). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** Installs npm packages into CACHE_DIR, leaving the project's package.json and lock file alone. */
export async function installNpm(packages: string[], installed: () => boolean): Promise<void> {
  if (installed()) return;
  await run('npm', ['install', '--prefix', CACHE_DIR, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...packages], {
    timeout: INSTALL_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!installed()) throw new Error(`npm installed ${packages.join(' ')} but the binary is not where expected`);
}

export function npmPackagePath(...parts: string[]): string {
  return join(CACHE_DIR, 'node_modules', ...parts);
}

async function debInstalled(name: string): Promise<boolean> {
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Status}', name]);
    return stdout.includes('install ok installed');
  } catch {
    return false;
  }
}

let aptUpdated = false;

/** Installs the Debian packages that are missing, with sudo unless already root (as .ci/run does). */
export async function installDebian(packages: string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of packages) if (!(await debInstalled(name))) missing.push(name);
  if (missing.length === 0) return;
  if (!existsSync('/usr/bin/apt-get')) throw new Error(`missing Debian packages ${missing.join(' ')} and no apt-get here`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  const [command, ...prefix] = [...asRoot, 'apt-get'];
  const options = { timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if (!aptUpdated) {
    await run(command, [...prefix, 'update'], options);
    aptUpdated = true;
  }
  await run(command, [...prefix, 'install', '-y', '--no-install-recommends', ...missing], options);
}

/** The first line a command prints, trimmed (a version). */
export async function firstLineOf(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await run(command, args, { timeout: 30_000, env });
  return stdout.trim().split('\n')[0] ?? '';
}
