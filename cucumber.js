// Cucumber profiles. The wsbdd command reads these too; pick one with `--profile ci`.
// Steps are TypeScript, loaded through ts-node; `tsc` already type-checks them, so ts-node only transpiles.
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';

const reports = process.env.WSBDD_REPORTS_DIR || 'reports';
const formatter = (name) => JSON.stringify(`./src/report/${name}-formatter.cjs`);
const progress = formatter('progress');

const common = {
  requireModule: ['ts-node/register'],
  require: ['steps/**/*.ts'],
  // Cucumber's formatters, each wrapped by src/report so that secret values written in feature files are
  // masked in what it writes (src/report/README.md): report.html also carries the run summary, and
  // summary.json holds run counts and timing percentiles (and prints one line).
  format: [
    progress,
    `${formatter('html')}:"${reports}/report.html"`,
    `${formatter('junit')}:"${reports}/junit.xml"`,
    `${formatter('message')}:"${reports}/messages.ndjson"`,
    `${formatter('json')}:"${reports}/report.json"`,
    `${formatter('summary')}:"${reports}/summary.json"`,
  ],
  formatOptions: { junit: { suiteName: 'wsbdd' } },
};

module.exports = {
  default: { ...common, paths: ['features/examples/**/*.feature'] },
  // CI runs the demo and wsbdd's own scenarios; the conformance pack has its own command (wsbdd conformance).
  ci: { ...common, paths: ['features/examples/**/*.feature', 'features/self/**/*.feature'], format: [...common.format.filter((f) => f !== progress), formatter('console-summary')] },
};
