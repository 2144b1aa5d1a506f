// Cucumber profiles. The wsbdd command reads these too; pick one with `--profile ci`.
// Steps are TypeScript, loaded through ts-node; `tsc` already type-checks them, so ts-node only transpiles.
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';

const reports = process.env.WSBDD_REPORTS_DIR || 'reports';

const common = {
  requireModule: ['ts-node/register'],
  require: ['steps/**/*.ts'],
  // Cucumber's formatters, with two of ours (src/report/README.md): report.html is cucumber's HTML report
  // plus the run summary, and summary.json holds run counts and timing percentiles (and prints one line).
  format: [
    'progress',
    `"./src/report/html-formatter.cjs":"${reports}/report.html"`,
    `junit:${reports}/junit.xml`,
    `message:${reports}/messages.ndjson`,
    `json:${reports}/report.json`,
    `"./src/report/summary-formatter.cjs":"${reports}/summary.json"`,
  ],
  formatOptions: { junit: { suiteName: 'wsbdd' } },
};

module.exports = {
  default: { ...common, paths: ['features/examples/**/*.feature'] },
  // CI runs the demo and wsbdd's own scenarios; the conformance pack has its own command (wsbdd conformance).
  ci: { ...common, paths: ['features/examples/**/*.feature', 'features/self/**/*.feature'], format: [...common.format.filter((f) => f !== 'progress'), 'summary'] },
};
