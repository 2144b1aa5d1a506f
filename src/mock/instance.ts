import { MockServer } from './server';

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
    const server = new MockServer();
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
