/** Files `wsbdd init` writes into a user's project. */

/** Whether the project writes its own steps in TypeScript or JavaScript. */
export type StepLanguage = 'typescript' | 'javascript';

/**
 * The project's cucumber.js. Own step files go in steps/, beside wsbdd's step library; TypeScript ones
 * are compiled by ts-node without type checking (the project's tsc does that), so the configuration
 * works with plain cucumber-js too.
 */
export function cucumberConfig(language: StepLanguage): string {
  const typescript = language === 'typescript';
  return CUCUMBER_CONFIG.replace(
    '__REQUIRE_MODULES__',
    typescript
      ? `require.resolve('wsbdd/dist/src/report/install-interrupts'),
    // Your own steps are TypeScript: ts-node compiles them without type checking (tsc does that).
    'ts-node/register/transpile-only',`
      : `require.resolve('wsbdd/dist/src/report/install-interrupts'),`,
  ).replace('__OWN_STEPS__', typescript ? 'steps/**/*.ts' : 'steps/**/*.js');
}

const CUCUMBER_CONFIG = `// wsbdd configuration: the profiles \`npx wsbdd\` runs (\`npx wsbdd --profile ci\` picks one).
const reports = process.env.WSBDD_REPORTS_DIR || 'reports';
// wsbdd's formatters: cucumber's own, wrapped so that secret header values written in feature files are
// masked in every report, plus the HTML report with the run summary and summary.json (counts and timings).
const formatter = (name) => JSON.stringify(require.resolve(\`wsbdd/dist/src/report/\${name}-formatter.js\`));

const progress = formatter('progress');

const common = {
  // Ctrl-C handling before anything else loads, so that plain cucumber-js reports a run stopped early too.
  requireModule: [
    __REQUIRE_MODULES__
  ],
  // wsbdd's World, hooks and step library, then your own step files (\`this\` in them is wsbdd's WsWorld).
  require: [require.resolve('wsbdd/dist/steps'), '__OWN_STEPS__'],
  paths: ['features/**/*.feature'],
  format: [
    progress,
    \`\${formatter('html')}:"\${reports}/report.html"\`,
    \`\${formatter('junit')}:"\${reports}/junit.xml"\`,
    \`\${formatter('json')}:"\${reports}/report.json"\`,
    \`\${formatter('message')}:"\${reports}/messages.ndjson"\`,
    \`\${formatter('summary')}:"\${reports}/summary.json"\`,
  ],
  // Snippets for undefined steps: the closest wsbdd phrases first, durations as {duration}.
  formatOptions: { snippetSyntax: require.resolve('wsbdd/dist/src/world/snippet-syntax') },
  worldParameters: {
    // The server under test; without it (and without WSBDD_TARGET or --target) the embedded mock server is used.
    // target: 'ws://localhost:8080',
    // Default wait of every waiting step, in milliseconds.
    // timeoutMs: 3000,
    // TLS: a CA file to trust, or insecure: true to skip verification (test servers only).
    // tls: { ca: 'certs/ca.pem' },
  },
};

module.exports = {
  default: common,
  ci: { ...common, format: common.format.filter((f) => f !== progress).concat(formatter('console-summary')) },
};
`;

export const EXAMPLE_FEATURE = `Feature: Echo
  A first scenario. It talks to the embedded mock server, so it passes right away; point wsbdd at your
  own server with --target ws://host:port (or worldParameters.target in cucumber.js) and adapt it.
  \`npx wsbdd steps\` lists every phrase you can use.

  Scenario: a message comes back
    Given the mock server echoes messages
    And "alice" is connected
    When "alice" sends "hello"
    Then "alice" should receive "hello" within 2 seconds
    When "alice" closes
    Then "alice" should be closed cleanly with code 1000

  Scenario: a JSON request gets an answer
    Given the mock server replies "{\\"type\\":\\"pong\\"}" to "{\\"type\\":\\"ping\\"}"
    And "alice" is connected
    When "alice" sends the JSON:
      """
      { "type": "ping" }
      """
    Then "alice" should receive a JSON message where "$.type" is "pong"
`;

/**
 * A tsconfig.json for a project whose own steps are TypeScript and that has none: CommonJS, as cucumber
 * requires support files, strict, and no output (ts-node compiles at load; `npx tsc` checks types).
 */
export const TSCONFIG = `{
  "compilerOptions": {
    "target": "es2022",
    "module": "commonjs",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["steps/**/*.ts"]
}
`;
