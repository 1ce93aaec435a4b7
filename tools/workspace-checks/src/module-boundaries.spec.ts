import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = join(import.meta.dirname, '../../..');
/**
 * Lints a file that does not exist on disk, as if it were at `path`, with the workspace's own
 * ESLint configuration and Nx project graph: exactly what `npx nx lint <project>` applies.
 */
function lintStdin(path: string, source: string) {
  return new Promise<{ ok: boolean; messages: string[] }>((resolve, reject) => {
    const child = execFile(
      join(root, 'node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', join(root, path), '--format', 'json'],
      { cwd: root },
      (error, stdout) => {
        try {
          const results = JSON.parse(stdout || '[]') as {
            messages: { ruleId: string; message: string }[];
          }[];
          resolve({
            ok: !error,
            messages: results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
          });
        } catch (parseError) {
          reject(new Error(`eslint printed no JSON (${(parseError as Error).message}): ${stdout}`));
        }
      },
    );
    child.stdin!.end(source);
  });
}

describe('module boundaries (design.md §2) fail the lint', () => {
  it('an app importing another app', async () => {
    const result = await lintStdin(
      'apps/ws-gateway/src/violation.ts',
      `import { banServiceDefinition } from '@teranode-p2p/ban-service';\nexport const x = banServiceDefinition;\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.messages.join('\n')).toContain(
      '@nx/enforce-module-boundaries: Imports of apps are forbidden',
    );
  }, 60_000);

  it('a domain lib importing NestJS', async () => {
    const result = await lintStdin(
      'libs/chain/src/violation.ts',
      `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.messages.join('\n')).toContain(
      '@nx/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "@nestjs/common"',
    );
  }, 60_000);

  it('a domain lib importing an infra lib', async () => {
    const result = await lintStdin(
      'libs/notifications/src/violation.ts',
      `import { openServiceBus } from '@teranode-p2p/kafka';\nexport const x = openServiceBus;\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.messages.join('\n')).toMatch(
      /tagged with "type:domain" can only depend on libs tagged with "type:domain", "type:contracts"/,
    );
  }, 60_000);

  it('production code importing the test infrastructure', async () => {
    const result = await lintStdin(
      'apps/ban-service/src/violation.ts',
      `import { freePort } from '@teranode-p2p/testing';\nexport const x = freePort;\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.messages.join('\n')).toContain(
      '@nx/enforce-module-boundaries: A project tagged with "type:app" can only depend on libs tagged with "type:infra", "type:domain", "type:contracts"',
    );
  }, 60_000);

  it('but not an app importing infra, domain and contracts libs (the allowed direction)', async () => {
    const result = await lintStdin(
      'apps/ws-gateway/src/allowed.ts',
      `import { openServiceBus } from '@teranode-p2p/kafka';\nimport { normaliseHash } from '@teranode-p2p/chain';\nimport { kafkamessage } from '@teranode-p2p/contracts';\nexport const x = [openServiceBus, normaliseHash, kafkamessage];\n`,
    );
    expect(result).toEqual({ ok: true, messages: [] });
  }, 60_000);
});
