#!/usr/bin/env node
// forge cannot download a solc binary offline, so it runs this wrapper around solc-js (npm `solc`).
// It speaks the two calls forge makes: `--version` and `--standard-json` (input on stdin).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
if (process.env.SOLC_WRAPPER_DEBUG) require('node:fs').appendFileSync('/tmp/solc-args.log', JSON.stringify({args, cwd: process.cwd()}) + '\n');

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc wrapper: only --version and --standard-json are supported\n');
  process.exit(1);
}

// Import roots forge passes: --base-path <dir> and any number of --include-path <dir>.
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[++i]);
}
if (roots.length === 0) roots.push(process.cwd());

function findImport(importPath) {
  const candidates = path.isAbsolute(importPath)
    ? [importPath]
    : roots.map((root) => path.resolve(root, importPath));
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImport }));
