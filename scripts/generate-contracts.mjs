// Generates the TypeScript contracts (libs/contracts/src/generated) from proto/*.proto with
// buf + ts-proto. Runs after npm install and as the contracts project's `generate` target.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'libs/contracts/src/generated');
const bin = (name) => join(root, 'node_modules/.bin', name);

const template = {
  version: 'v2',
  plugins: [
    {
      local: bin('protoc-gen-ts_proto'),
      out,
      opt: [
        'esModuleInterop=true',
        'importSuffix=.js',
        'snakeToCamel=false',
        'forceLong=string',
        'outputServices=grpc-js',
        'useExactTypes=false',
        'env=node',
      ],
    },
  ],
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(bin('buf'), ['generate', '--template', JSON.stringify(template)], {
  cwd: root,
  stdio: 'inherit',
});
console.log(`contracts generated in ${out}`);
