// Entry point for cucumber's --format; see html-formatter.cjs for why this is a CommonJS file.
// Compiled installs can point at dist/src/report/console-summary-formatter.js instead.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./console-summary-formatter.ts');
