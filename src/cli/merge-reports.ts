import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import type { FormatterPlugin } from '../report/formatter-plugin';
import htmlFormatter from '../report/html-formatter';
import junitFormatter from '../report/junit-formatter';
import { MergeError, mergeShardMessages, type ShardMessages } from '../report/merge-messages';
import { replayFormatter } from '../report/replay-formatter';
import { REPORT_FILES } from '../report/report-formats';
import { parseMessages } from '../report/run-summary-from-messages';
import { RunSummaryCollector, summaryLine } from '../report/run-summary';
import { mergeCoverageReports, writeCoverageReport } from '../contract/coverage';
import type { CliIo } from './io';
import { ExitCode, UsageError } from '../usage-error';

interface MergeArgs {
  dirs: string[];
  out: string;
}

function parseMergeArgs(argv: string[]): MergeArgs {
  const dirs: string[] = [];
  let out = 'reports';
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--reports' || token.startsWith('--reports=')) {
      const value = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value.trim() === '') throw new UsageError('--reports needs a directory');
      out = value;
    } else if (token.startsWith('-')) throw new UsageError(`wsbdd merge-reports: unknown option ${token} (only --reports DIR)`);
    else dirs.push(token);
  }
  if (dirs.length === 0) throw new UsageError('wsbdd merge-reports needs the report directories of the shards: wsbdd merge-reports DIR... [--reports OUT]');
  return { dirs, out };
}

/** The suite name the shards' junit.xml used (a profile's junit options), so the merged file keeps it. */
async function junitSuiteName(dirs: string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const file = join(dir, REPORT_FILES.junit);
    if (!existsSync(file)) continue;
    const name = /<testsuite\b[^>]*\bname="([^"]*)"/.exec(await readFile(file, 'utf8'))?.[1];
    if (name !== undefined) return name.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return undefined;
}

/**
 * `wsbdd merge-reports DIR... [--reports OUT]`: one set of reports (messages.ndjson, report.html,
 * junit.xml, summary.json, and contract.json when a scenario used a contract) for a run split over several machines with `--shard i/n`, built from each
 * shard's messages.ndjson. The timing percentiles are recomputed from every shard's samples.
 * Exit code: 0 when every merged scenario passed, 1 otherwise.
 */
export async function mergeReports(argv: string[], io: CliIo): Promise<number> {
  const args = parseMergeArgs(argv);
  const dirs = args.dirs.map((dir) => resolve(io.cwd, dir));
  const out = resolve(io.cwd, args.out);
  if (dirs.includes(out)) throw new UsageError(`the merged reports would overwrite the shard in ${args.out}: choose another --reports directory`);
  const shards: ShardMessages[] = [];
  for (const [i, dir] of dirs.entries()) {
    const file = join(dir, REPORT_FILES.message);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new UsageError(`${args.dirs[i]} has no ${REPORT_FILES.message} (the message formatter writes it; is this a wsbdd reports directory?)`);
    }
    shards.push({ source: join(args.dirs[i]!, REPORT_FILES.message), envelopes: parseMessages(text) as unknown as Envelope[] });
  }
  let merged: Envelope[];
  try {
    merged = mergeShardMessages(shards);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  const suiteName = await junitSuiteName(dirs);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, REPORT_FILES.message), merged.map((envelope) => JSON.stringify(envelope)).join('\n') + '\n');
  const options = { html: {}, junit: suiteName === undefined ? {} : { suiteName } };
  await replayFormatter(htmlFormatter as FormatterPlugin, merged, join(out, REPORT_FILES.html), options);
  await replayFormatter(junitFormatter, merged, join(out, REPORT_FILES.junit), options);
  const collector = new RunSummaryCollector();
  for (const envelope of merged) collector.add(envelope);
  const summary = collector.summary();
  await writeFile(join(out, REPORT_FILES.summary), JSON.stringify(summary, null, 2) + '\n');
  // The shards' contract coverage as one report, from the parts their scenarios attached.
  writeCoverageReport(join(out, 'contract.json'), mergeCoverageReports(collector.contractParts()));
  io.stderr.write(`${summaryLine(summary, `merged ${shards.length} shard${shards.length === 1 ? '' : 's'} into ${args.out}`)}\n`);
  return summary.success === true ? ExitCode.Passed : ExitCode.Failed;
}
