// Entry point for cucumber's --format when running from the TypeScript sources: cucumber loads
// formatters with import(), which cannot compile TypeScript, so this file registers ts-node first.
// Compiled installs use dist/src/conformance/html-formatter.js directly.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./html-formatter.ts');
