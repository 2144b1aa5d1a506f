// Cucumber profiles. The wsbdd command reads these too; pick one with `--profile ci`.
// Everything runs compiled from dist/ (`npm run build`; npm install builds it): compiling the step library
// at every start would cost more than the rest of the start-up together.
const reports = process.env.WSBDD_REPORTS_DIR || 'reports';
const formatter = (name) => JSON.stringify(`./dist/src/report/${name}-formatter.js`);
const progress = formatter('progress');

const common = {
  // Ctrl-C handling before anything else loads, so that plain cucumber-js reports a run stopped early too.
  requireModule: [require.resolve('./dist/src/report/install-interrupts.js')],
  require: ['dist/steps/index.js'],
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
  // Snippets for undefined steps name the closest wsbdd phrases and use {duration} (the wsbdd command sets this itself).
  formatOptions: { junit: { suiteName: 'wsbdd' }, snippetSyntax: require.resolve('./dist/src/world/snippet-syntax.js') },
};

module.exports = {
  default: { ...common, paths: ['features/examples/**/*.feature'] },
  // CI runs the demo and wsbdd's own scenarios; the conformance pack has its own command (wsbdd conformance).
  ci: { ...common, paths: ['features/examples/**/*.feature', 'features/self/**/*.feature'], format: [...common.format.filter((f) => f !== progress), formatter('console-summary')] },
};
