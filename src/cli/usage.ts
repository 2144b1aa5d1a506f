export const USAGE = `Usage:
  wsbdd [paths...] [options]      run feature files (default: the paths of the cucumber profile)
  wsbdd steps [--markdown]        print the step catalog (every phrase with an example)
  wsbdd init [dir] [--force]      write a starter features/ and cucumber.js into a project (asks, or
                                  --typescript / --javascript: the language of your own steps)
  wsbdd conformance [options]     run the RFC 6455 conformance pack against a target
  wsbdd merge-reports DIR... [--reports OUT]
                                  merge the reports of the shards of one run into one set in OUT

Options for a run:
  --target URL        server under test (ws://, wss://); default: WSBDD_TARGET, else the embedded mock server
  --timeout DURATION  default wait of every waiting step, e.g. 5s or 5000 (default 3 s)
  --inbox-limit SIZE  bytes of unmatched messages a client may hold, e.g. "256 MiB" (default 64 MiB)
  --contract FILE     check every frame of every scenario against this AsyncAPI document (2.x or 3.x)
  --reports DIR       where every report goes (sets WSBDD_REPORTS_DIR for the run; default: reports/)
  --tags EXPR         only scenarios matching the tag expression, e.g. "@smoke and not @slow"
  --parallel N        run scenarios in N worker processes
  --retry N           retry a failing scenario up to N times
  --shard I/N         run only shard I of N (every N-th scenario); merge the shards with merge-reports
  --profile NAME      use this profile of cucumber.js (repeatable; default: "default")
  --config FILE       cucumber configuration file (default: cucumber.js etc. in the current directory)
  --version           print the versions of wsbdd and cucumber
  Every other cucumber option (--format, --name, --fail-fast, --world-parameters, --dry-run,
  --i18n-languages, ...) is passed to cucumber as it is.

Environment (world parameters and options win over these):
  WSBDD_TARGET        server under test, like --target
  WSBDD_TIMEOUT_MS    default wait of every waiting step, in milliseconds or like "5 s"
  WSBDD_INBOX_LIMIT   bytes of unmatched messages a client may hold, like --inbox-limit
  WSBDD_TRANSCRIPT_LIMIT
                      events a scenario's transcript keeps: the first and last halves (default 10000)
  WSBDD_CA_FILE       PEM file of the CA certificate(s) to trust for wss://
  WSBDD_INSECURE      1 or true: skip TLS certificate verification (test servers only)
  WSBDD_REPORTS_DIR   where the reports go (default: reports/)

Exit codes: 0 all scenarios passed, 1 a scenario failed, 2 bad usage or configuration, 130 interrupted.
`;
