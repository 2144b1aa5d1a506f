import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, REPO_ROOT, DEBIAN_PYTHON, firstLineOf, installDebian, installNpm, npmPackagePath } from './install';

/** How to get, identify and start one independently written WebSocket server. */
export interface InteropServer {
  /** Short name, used for --only and as the reports directory. */
  name: string;
  /** What it is, for the report. */
  label: string;
  /** Installs what is missing; throws when it cannot. */
  install(): Promise<void>;
  version(): Promise<string>;
  /** The command that runs the echo server on 127.0.0.1:port. */
  command(port: number): { command: string; args: string[]; env?: NodeJS.ProcessEnv };
}

/** The echo servers live beside this file's source; the compiled runner finds them from dist/. */
const SERVERS_DIR = join(REPO_ROOT, 'test', 'interop', 'servers');

function echoServer(file: string): string {
  return join(SERVERS_DIR, file);
}

const BUN = npmPackagePath('@oven', 'bun-linux-x64', 'bin', 'bun');
const DENO = npmPackagePath('@deno', 'linux-x64-glibc', 'deno');
/** Deno keeps its caches here instead of in the home directory, and does not look for updates. */
const DENO_ENV = { ...process.env, DENO_DIR: join(CACHE_DIR, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' };

function pythonVersion(module: string): Promise<string> {
  return firstLineOf(DEBIAN_PYTHON, ['-c', `import ${module}; print(${module}.__version__)`]);
}

export const SERVERS: InteropServer[] = [
  {
    name: 'ws',
    label: 'ws (npm), Node.js',
    install: async () => {
      require.resolve('ws');
    },
    version: async () => {
      const { version } = JSON.parse(readFileSync(require.resolve('ws/package.json'), 'utf8')) as { version: string };
      return `ws ${version}, Node.js ${process.version}`;
    },
    command: (port) => ({ command: process.execPath, args: [echoServer('ws-echo.mjs'), String(port)] }),
  },
  {
    name: 'ws-deflate',
    label: 'ws (npm), Node.js, perMessageDeflate on',
    install: async () => {
      require.resolve('ws');
    },
    version: async () => {
      const { version } = JSON.parse(readFileSync(require.resolve('ws/package.json'), 'utf8')) as { version: string };
      return `ws ${version}, Node.js ${process.version}, perMessageDeflate`;
    },
    command: (port) => ({ command: process.execPath, args: [echoServer('ws-deflate-echo.mjs'), String(port)] }),
  },
  {
    name: 'bun-deflate',
    label: 'Bun (Bun.serve), perMessageDeflate on',
    install: () => installNpm(['@oven/bun-linux-x64'], () => existsSync(BUN)),
    version: async () => `Bun ${await firstLineOf(BUN, ['--version'])}, perMessageDeflate`,
    command: (port) => ({ command: BUN, args: ['run', echoServer('bun-deflate-echo.js'), String(port)], env: { ...process.env, BUN_INSTALL_CACHE_DIR: join(CACHE_DIR, 'bun-cache') } }),
  },
  {
    name: 'bun',
    label: 'Bun (Bun.serve)',
    install: () => installNpm(['@oven/bun-linux-x64'], () => existsSync(BUN)),
    version: async () => `Bun ${await firstLineOf(BUN, ['--version'])}`,
    command: (port) => ({ command: BUN, args: ['run', echoServer('bun-echo.js'), String(port)], env: { ...process.env, BUN_INSTALL_CACHE_DIR: join(CACHE_DIR, 'bun-cache') } }),
  },
  {
    name: 'deno',
    label: 'Deno (Deno.serve, Deno.upgradeWebSocket)',
    install: () => installNpm(['@deno/linux-x64-glibc'], () => existsSync(DENO)),
    // "deno 2.9.6 (stable, release, x86_64-unknown-linux-gnu)": the name and number are enough.
    version: async () => (await firstLineOf(DENO, ['--version'], DENO_ENV)).replace(/^deno (\S+).*$/, 'Deno $1'),
    command: (port) => ({
      command: DENO,
      args: ['run', '--no-prompt', `--allow-net=127.0.0.1:${port}`, echoServer('deno-echo.js'), String(port)],
      env: DENO_ENV,
    }),
  },
  {
    name: 'python-websockets',
    label: 'websockets (Python, asyncio)',
    install: () => installDebian(['python3-websockets']),
    version: async () => `websockets ${await pythonVersion('websockets')}, Python ${await firstLineOf(DEBIAN_PYTHON, ['-c', 'import platform; print(platform.python_version())'])}`,
    command: (port) => ({ command: DEBIAN_PYTHON, args: [echoServer('websockets-echo.py'), String(port)] }),
  },
  {
    name: 'autobahn',
    label: 'Autobahn|Python (Twisted)',
    install: () => installDebian(['python3-autobahn', 'python3-twisted']),
    version: async () => `Autobahn|Python ${await pythonVersion('autobahn')}, Twisted ${await pythonVersion('twisted')}`,
    command: (port) => ({ command: DEBIAN_PYTHON, args: [echoServer('autobahn-echo.py'), String(port)] }),
  },
];
