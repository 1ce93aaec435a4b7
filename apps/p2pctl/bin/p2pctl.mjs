#!/usr/bin/env node
// Entry for `npx p2pctl` (npm links this file; the compiled dist/ has no executable bit).
await import('../dist/main.js');
