#!/usr/bin/env node
// The `breachclock` command. Runs the compiled CLI (npm install / npm ci compile it via "prepare").
const { main } = require('../dist/src/cli/main.js');
main(process.argv.slice(2)).then((code) => process.exit(code));
