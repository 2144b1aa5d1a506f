import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { listFiles, type runCucumber } from './cucumber-run';

type Run = Awaited<ReturnType<typeof runCucumber>>;

/**
 * Fails if any file of the reports directory, or the console output, holds one of the secrets. Base64
 * would hide a match from a plain search, so the attachments that use it are decoded and searched too.
 * Returns how many decoded attachments were SVG diagrams, to show that decoding happened.
 */
export async function assertNowhere(reportsDir: string, secrets: string[], result: Run, moreFiles: string[] = []): Promise<number> {
  const files = await listFiles(reportsDir);
  const names = files.map((file) => relative(reportsDir, file)).sort();
  assert.deepEqual(names, ['junit.xml', 'messages.ndjson', 'report.html', 'report.json', 'summary.json', ...moreFiles].sort());
  let decodedDiagrams = 0;
  for (const file of files) {
    const text = (await readFile(file)).toString('utf8');
    const decoded = [...text.matchAll(/"(?:body|data)":"([A-Za-z0-9+/=]{16,})"/g)].map((match) => Buffer.from(match[1] ?? '', 'base64').toString('utf8'));
    decodedDiagrams += decoded.filter((body) => body.startsWith('<svg')).length;
    for (const haystack of [text, ...decoded]) {
      for (const secret of secrets) assert.ok(!haystack.includes(secret), `${relative(reportsDir, file)} contains the secret ${secret}`);
    }
  }
  for (const secret of secrets) {
    assert.ok(!result.stdout.includes(secret), `console output contains the secret ${secret}`);
    assert.ok(!result.stderr.includes(secret), `console errors contain the secret ${secret}`);
  }
  return decodedDiagrams;
}

