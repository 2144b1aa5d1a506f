import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContractDocumentError, loadContractDocument } from '../contract/document';
import { contractSettings } from '../world/contract-config';
import { resolveContractFile } from '../world/contract';
import { StepError } from '../world/errors';
import { UsageError } from '../usage-error';

const DOCUMENT_STEP = /the AsyncAPI document "((?:[^"\\]|\\.)*)"/g;

/**
 * The `contract` world parameter with what the command adds: --contract's document, and the coverage
 * report in the run's reports directory. Untouched when the run uses no contract option.
 */
export function contractParameter(given: unknown, file: string | undefined, cwd: string, reportsDir: string): unknown {
  let settings;
  try {
    settings = contractSettings(given, {});
  } catch (error) {
    if (error instanceof StepError) throw new UsageError(error.message);
    throw error;
  }
  return {
    ...settings,
    ...(file !== undefined ? { document: resolve(cwd, file) } : {}),
    report: settings.report ?? join(reportsDir, 'contract.json'),
  };
}

/**
 * A broken AsyncAPI document is bad usage, said once before anything runs: the one of the world
 * parameters and every one a feature file names (${variables} aside, which only a scenario knows).
 */
export async function checkContractDocuments(parameter: unknown, featureUris: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const wanted = new Map<string, string>();
  const { document } = contractSettings(parameter, env);
  if (document !== undefined) wanted.set(resolve(cwd, document), document);
  for (const uri of new Set(featureUris)) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, uri), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(DOCUMENT_STEP)) {
      const file = m[1]!;
      if (file.includes('${')) continue;
      wanted.set(resolveContractFile(file, uri, cwd), file);
    }
  }
  for (const [path, shownAs] of wanted) {
    try {
      await loadContractDocument(path, shownAs);
    } catch (error) {
      if (error instanceof ContractDocumentError) throw new UsageError(error.message);
      throw error;
    }
  }
}
