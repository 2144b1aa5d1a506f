import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CaseResult } from '../../src/conformance/results';
import { locatePackFiles } from '../../src/conformance/pack-files';
import { runConformancePack, type PackRunOptions, type PackRunResult } from '../../src/conformance/run';

/** Swallows cucumber's console output, so test output stays readable. */
export function quietStream(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

/** A stream that keeps what is written to it, for checking what the command printed. */
export function captured(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = quietStream();
  stream.write = ((chunk: string | Buffer) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof stream.write;
  return { stream, text: () => chunks.join('') };
}

/** Run the pack in this process without console output or report files (unless asked for). */
export function quietRun(options: PackRunOptions): Promise<PackRunResult> {
  return runConformancePack({ writeReport: false, formats: [], stdout: quietStream(), stderr: quietStream(), ...options });
}

/** Paths of the pack's feature files, by name without ".feature". */
export function packFeatures(names: readonly string[]): string[] {
  const { featuresDir } = locatePackFiles();
  return names.map((name) => join(featuresDir, `${name}.feature`));
}

/** One line per case, for assertion messages. */
export function describeCases(results: CaseResult[]): string[] {
  return results.map((r) => `${r.verdict} [${r.strictness}] ${r.area}: ${r.name} -- ${r.failure ?? r.nonStrict[0] ?? r.status}`);
}
