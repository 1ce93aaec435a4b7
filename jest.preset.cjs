// Shared jest settings: native ESM, TypeScript through SWC (keeps decorator metadata for
// NestJS DI), sources of workspace libs resolved directly so tests never need a build.
const path = require('node:path');
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@teranode-p2p/([a-z0-9-]+)$': path.join(__dirname, 'libs/$1/src/index.ts'),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30000,
  cacheDirectory: path.join(__dirname, 'node_modules/.cache/jest'),
};
