#!/usr/bin/env node
'use strict';
// The wsbdd command. The TypeScript sources are compiled to dist/ by `npm run build` (npm install runs it).
let cli;
try {
  cli = require('../dist/src/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli/main')) {
    process.stderr.write('wsbdd: not built yet: run `npm run build` in the wsbdd package first\n');
    process.exit(2);
  }
  throw error;
}
cli.runFromCommandLine();
