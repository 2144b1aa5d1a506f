import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** Start bench/echo-server in a child process (optionally with a raised open-file limit) and wait for its port. */
export function startEchoServerProcess(openFiles?: number): Promise<ServerProcess> {
  const script = join(__dirname, 'echo-server.js');
  const child: ChildProcess =
    openFiles !== undefined
      ? spawn('/bin/sh', ['-c', `ulimit -n ${openFiles} && exec "$0" "$1"`, process.execPath, script], { stdio: ['pipe', 'pipe', 'inherit'] })
      : spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the echo server did not report its port within 10 s'));
    }, 10_000);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /PORT (\d+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: `ws://127.0.0.1:${match[1]}/`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.stdin!.end();
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited with ${code} before reporting its port`)));
  });
}
