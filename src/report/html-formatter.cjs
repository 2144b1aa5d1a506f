// Entry point for cucumber's --format: cucumber loads formatters with import(), which cannot compile
// TypeScript. import() hands this CommonJS file to require(), where ts-node compiles the source
// (cucumber.js registers ts-node through requireModule; registered here if not, e.g. with --format only).
// Compiled installs can point at dist/src/report/html-formatter.js instead.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./html-formatter.ts');
