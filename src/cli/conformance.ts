/**
 * `wsbdd conformance`: runs the RFC 6455 conformance pack against a target.
 * CONTRACT STUB: returns the process exit code (0 all passed, 1 a check failed, 2 bad usage).
 */
export async function runConformance(_argv: string[]): Promise<number> {
  throw new Error('not implemented');
}
