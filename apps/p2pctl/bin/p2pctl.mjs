#!/usr/bin/env node
// Entry for `npx p2pctl` (npm links this file; the compiled dist/ has no executable bit).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('p2pctl is not built yet: run `npx nx build p2pctl` (npm start builds it too)');
  process.exit(70);
}
await import(main.href);
