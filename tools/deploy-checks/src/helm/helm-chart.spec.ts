import { describe, expect, it, jest } from '@jest/globals';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readWorkspaceFile, workspacePath } from '../workspace.js';
import { helm, helmBinary, helmTemplate } from './helm.js';

// Each check runs Helm once or a few times (≈ 0.2 s each on an idle machine; CI shares 2 cores).
jest.setTimeout(30_000);

const chart = 'k8s/teranode-p2p';
const production = ['--values', `${chart}/values-production.yaml`];

/** A scratch folder, removed after the test. */
function withTempDir(use: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'teranode-p2p-chart-'));
  try {
    use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`${chart} through the real Helm CLI`, () => {
  // Built once by scripts/helm.sh before the first check (minutes with an empty Go cache).
  helmBinary();

  it.each([
    ['its defaults', []],
    ['the production example', production],
  ])('passes helm lint --strict with %s', (_values, args) => {
    const run = helm(['lint', '--strict', chart, ...args]);
    expect([run.ok, run.stderr]).toEqual([true, '']);
    expect(run.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
  });

  it.each([
    ['does not parse', '{{ if .Values.image }}\nno end'],
    ['reads below a value that is not set', 'name: {{ .Values.nothing.deeper }}'],
    ['renders invalid YAML', 'kind: ConfigMap\ndata:\n  a: b: {{ .Values.image.tag }}'],
  ])('fails lint --strict and template on a template that %s', (_what, template) => {
    withTempDir((dir) => {
      cpSync(workspacePath(chart), dir, { recursive: true });
      writeFileSync(join(dir, 'templates/broken.yaml'), template);
      for (const command of ['lint', 'template']) {
        const run = helm([command, ...(command === 'lint' ? ['--strict'] : []), dir]);
        expect([command, run.ok]).toEqual([command, false]);
        expect(run.stdout + run.stderr).toContain('templates/broken.yaml');
      }
    });
  });

  it.each([
    ['replicas: "three"', 'apps.banService.replicas=three', "'/apps/banService/replicas'"],
    ['an unknown p2p Service type', 'apps.gossipNode.p2pService.type=Ingress', 'must be one of'],
    ['a port that is not a number', 'apps.wsGateway.ports.http=ninety', 'want integer'],
    ['a misspelt value', 'apps.kafkaBridge.replica=2', "'replica' not allowed"],
    ['a nodePort outside the NodePort range', 'apps.gossipNode.p2pService.nodePort=80', 'minimum'],
  ])('refuses %s through values.schema.json, before rendering', (_what, set, message) => {
    for (const command of ['template', 'lint']) {
      const run = helm([command, chart, '--set', set]);
      expect([command, run.ok]).toEqual([command, false]);
      expect(run.stdout + run.stderr).toContain(message);
    }
  });

  it('refuses TLS without the Secret holding the certificate', () => {
    const run = helm(['template', chart, '--set', 'settings.security_level_grpc=1']);
    expect(run.ok).toBe(false);
    expect(run.stderr).toContain('set tls.secretName');
  });

  it('packages into teranode-p2p-<version>.tgz, which renders as the folder does and keeps its schema', () => {
    const { version } = parse(readWorkspaceFile(`${chart}/Chart.yaml`)) as { version: string };
    withTempDir((dir) => {
      const run = helm(['package', chart, '--destination', dir]);
      expect([run.ok, run.stderr]).toEqual([true, '']);
      expect(readdirSync(dir)).toEqual([`teranode-p2p-${version}.tgz`]);
      const archive = join(dir, `teranode-p2p-${version}.tgz`);
      for (const values of [[], production]) {
        expect(helmTemplate(['p2p', archive, ...values])).toEqual(
          helmTemplate(['p2p', chart, ...values]),
        );
      }
      expect(helm(['template', archive, '--set', 'apps.banService.replicas=three']).ok).toBe(false);
    });
  });
});
