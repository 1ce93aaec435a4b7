import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@teranode-p2p/testing';
import { containers } from './containers.js';

/** The app layer an image may add over its Node base (issue 16). */
export const APP_LAYER_BUDGET_BYTES = 150_000_000;

/** What the audit script (assets/audit-image.mjs) reports from inside an image. */
export interface ImageAudit {
  readonly uid: number;
  readonly node: string;
  readonly bytes: {
    readonly total: number;
    readonly node_modules: number;
    readonly own: number;
    readonly other: number;
  };
  readonly largestPackages: readonly { readonly name: string; readonly bytes: number }[];
  readonly devDependenciesInstalled: readonly string[];
  readonly devDependenciesNeededByProduction: readonly {
    readonly name: string;
    readonly by: readonly string[];
  }[];
  readonly devEntriesInLock: readonly string[];
  readonly ownSourceMaps: readonly string[];
  readonly ownTests: readonly string[];
  readonly ownTypeScript: readonly string[];
  readonly moduleSourceMaps: { readonly count: number; readonly bytes: number };
  readonly writableOutsideData: readonly string[];
  readonly dataWritable: boolean;
}

export interface ImageReport {
  readonly app: string;
  readonly image: string;
  readonly buildMs: number;
  readonly bytes: number;
  readonly baseBytes: number;
  readonly user: string;
  /** The HEALTHCHECK command, when the image kept one. */
  readonly healthcheck: readonly string[] | undefined;
  readonly audit: ImageAudit;
}

export interface Finding {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

const MB = 1_000_000;
export const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
const few = (list: readonly string[]) =>
  list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;

/** Judges one image against what issue 16 asks of it. */
export function judgeImage(report: ImageReport): Finding[] {
  const { audit } = report;
  const layer = report.bytes - report.baseBytes;
  const [largest] = audit.largestPackages;
  const root = /^(|root|0)(:|$)/.test(report.user) || audit.uid === 0;
  const dev = [...audit.devDependenciesInstalled, ...audit.devEntriesInLock];
  const notRuntime = [...audit.ownSourceMaps, ...audit.ownTests, ...audit.ownTypeScript];
  return [
    {
      check: `app layer ≤ ${mb(APP_LAYER_BUDGET_BYTES)} over the base`,
      ok: layer <= APP_LAYER_BUDGET_BYTES,
      detail:
        `${mb(layer)}: node_modules ${mb(audit.bytes.node_modules)}` +
        (largest ? ` (largest ${largest.name} ${mb(largest.bytes)})` : '') +
        `, own code ${mb(audit.bytes.own)}, other ${mb(audit.bytes.other)}`,
    },
    {
      check: 'runs as a non-root user',
      ok: !root,
      detail: `USER ${report.user || '(none)'}, uid ${audit.uid}`,
    },
    {
      check: 'no dev dependencies',
      ok: dev.length === 0,
      detail:
        dev.length > 0
          ? few(dev)
          : 'none' +
            audit.devDependenciesNeededByProduction
              .map((d) => `; ${d.name} only as a dependency of ${d.by.join(', ')}`)
              .join(''),
    },
    {
      check: 'no source maps, tests or TypeScript in its own code',
      ok: notRuntime.length === 0,
      detail:
        (notRuntime.length === 0 ? 'none' : few(notRuntime)) +
        `; dependencies ship ${audit.moduleSourceMaps.count} source maps (${mb(audit.moduleSourceMaps.bytes)})`,
    },
    {
      check: 'HEALTHCHECK kept in the image',
      ok: report.healthcheck !== undefined && report.healthcheck.length > 0,
      detail: report.healthcheck?.join(' ') ?? 'none (an OCI-format build drops it)',
    },
    {
      check: 'code read-only for the user, data/ writable',
      ok: audit.writableOutsideData.length === 0 && audit.dataWritable,
      detail:
        audit.writableOutsideData.length === 0
          ? `data/ ${audit.dataWritable ? 'writable' : 'NOT writable'}`
          : `writable: ${few(audit.writableOutsideData)}`,
    },
  ];
}

interface Inspected {
  Size: number;
  Config?: { User?: string; Healthcheck?: { Test?: string[] } };
  /** Podman keeps a docker-format image's HEALTHCHECK here. */
  Healthcheck?: { Test?: string[] };
}

async function inspect(image: string): Promise<Inspected> {
  const { stdout } = await containers.engine(['image', 'inspect', image]);
  return (JSON.parse(stdout) as Inspected[])[0]!;
}

/** The Dockerfiles' base image (ARG NODE_IMAGE), as the apps are built on it. */
export function nodeImage(app: string): string {
  const dockerfile = readFileSync(join(workspaceRoot, 'apps', app, 'Dockerfile'), 'utf8');
  const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
  if (image === undefined) throw new Error(`apps/${app}/Dockerfile has no ARG NODE_IMAGE=…`);
  return image;
}

/**
 * Labels every image a test build makes, the build stages' too: the engine keeps those as its
 * layer cache (about 1 GB each, with the dev dependencies), and the next run's context differs.
 */
export const BUILD_LABEL = 'org.teranode-p2p.deploy-test';

/** Builds apps/<app>/Dockerfile from the repository root, as an operator would. */
export async function buildImage(app: string, image: string, logFile: string): Promise<number> {
  const { ms } = await containers.engine(
    ['build', '--label', `${BUILD_LABEL}=true`, '-f', `apps/${app}/Dockerfile`, '-t', image, '.'],
    { logFile },
  );
  return ms;
}

/** Removes the untagged images test builds left (build stages, earlier runs); the count. */
export async function pruneBuildImages(): Promise<number> {
  const { stdout } = await containers.engine(
    ['image', 'prune', '--force', '--filter', `label=${BUILD_LABEL}=true`],
    { allowFailure: true },
  );
  return stdout.split('\n').filter((line) => /^(sha256:)?[0-9a-f]{12,}/.test(line.trim())).length;
}

/** Sizes, user, health check and the audit from inside the image. */
export async function measureImage(
  app: string,
  image: string,
  buildMs: number,
): Promise<ImageReport> {
  const [built, base] = await Promise.all([inspect(image), inspect(nodeImage(app))]);
  const script = readFileSync(join(workspaceRoot, 'tools/deploy-test/assets/audit-image.mjs'));
  const { stdout } = await containers.engine(
    [
      'run',
      '--rm',
      '-i',
      '--network',
      'none',
      '--no-healthcheck',
      '--entrypoint',
      'node',
      image,
      '--input-type=module',
      '-',
    ],
    { input: script.toString() },
  );
  const healthcheck = (built.Config?.Healthcheck ?? built.Healthcheck)?.Test;
  return {
    app,
    image,
    buildMs,
    bytes: built.Size,
    baseBytes: base.Size,
    user: built.Config?.User ?? '',
    healthcheck: healthcheck && healthcheck[0] !== 'NONE' ? healthcheck.slice(1) : undefined,
    audit: JSON.parse(stdout) as ImageAudit,
  };
}
