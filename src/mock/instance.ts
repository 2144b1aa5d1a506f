import type { MockServer } from './server';

/**
 * The one mock server of this process (each cucumber worker is a process), started on first use and
 * stopped when the run ends.
 */
let shared: MockServer | undefined;
let starting: Promise<MockServer> | undefined;

export function sharedMockServer(): MockServer | undefined {
  return shared;
}

export async function startSharedMockServer(): Promise<MockServer> {
  if (shared?.running) return shared;
  starting ??= (async () => {
    // Loaded on first use: a run against a real server never needs ws and node:http.
    const { MockServer: Server } = await import('./server');
    const server = new Server();
    await server.start();
    shared = server;
    return server;
  })().finally(() => {
    starting = undefined;
  });
  return starting;
}

export async function stopSharedMockServer(): Promise<void> {
  const server = shared;
  shared = undefined;
  await server?.stop();
}
