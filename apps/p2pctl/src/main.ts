#!/usr/bin/env node
import { runP2pctl } from './run-p2pctl.js';

const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());
const code = await runP2pctl(
  process.argv.slice(2),
  process.env,
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  interrupted.signal,
);
process.exitCode = code;
