import { describe, expect, it } from '@jest/globals';
import { APP_LAYER_BUDGET_BYTES, type ImageReport, judgeImage } from './images.js';
import { duration, imageChecks, imagesTable } from './report.js';

const good: ImageReport = {
  app: 'ban-service',
  image: 'teranode-p2p/ban-service:deploy-test',
  buildMs: 98_000,
  bytes: 395_000_000,
  baseBytes: 268_000_000,
  user: 'node',
  healthcheck: ['node', 'deploy/docker/healthcheck.mjs', 'ban_service_http_listen_address'],
  audit: {
    uid: 1000,
    node: 'v24.21.0',
    bytes: { total: 127_000_000, node_modules: 120_000_000, own: 5_000_000, other: 2_000_000 },
    largestPackages: [{ name: 'typeorm', bytes: 30_000_000 }],
    devDependenciesInstalled: [],
    devDependenciesNeededByProduction: [{ name: '@types/node', by: ['protobufjs'] }],
    devEntriesInLock: [],
    ownSourceMaps: [],
    ownTests: [],
    ownTypeScript: [],
    moduleSourceMaps: { count: 10, bytes: 4_000_000 },
    writableOutsideData: [],
    dataWritable: true,
  },
};
const failing = (report: ImageReport) =>
  judgeImage(report)
    .filter((f) => !f.ok)
    .map((f) => f.check);

describe('judgeImage', () => {
  it('passes an image that meets every check, and says what fills its layer', () => {
    const findings = judgeImage(good);
    expect(findings.every((f) => f.ok)).toBe(true);
    expect(findings[0]!.detail).toBe(
      '127 MB: node_modules 120 MB (largest typeorm 30 MB), own code 5.0 MB, other 2.0 MB',
    );
  });

  it.each<[string, Partial<ImageReport> | Partial<ImageReport['audit']>, RegExp]>([
    ['a layer over budget', { baseBytes: good.bytes - APP_LAYER_BUDGET_BYTES - 1 }, /app layer/],
    ['no USER', { user: '' }, /non-root/],
    ['USER 0:0', { user: '0:0' }, /non-root/],
    ['uid 0 inside', { uid: 0 }, /non-root/],
    ['a dev dependency', { devDependenciesInstalled: ['jest'] }, /dev dependencies/],
    ['a dev entry in the lock', { devEntriesInLock: ['node_modules/nx'] }, /dev dependencies/],
    ['a source map', { ownSourceMaps: ['apps/a/dist/main.js.map'] }, /source maps/],
    ['a test', { ownTests: ['apps/a/dist/x.spec.js'] }, /tests/],
    ['TypeScript', { ownTypeScript: ['libs/a/dist/index.d.ts'] }, /TypeScript/],
    ['no HEALTHCHECK (OCI format)', { healthcheck: undefined }, /HEALTHCHECK/],
    ['writable code', { writableOutsideData: ['apps/a/dist/main.js'] }, /read-only/],
    ['read-only data/', { dataWritable: false }, /read-only/],
  ])('fails %s', (_what, change, check) => {
    const inAudit = Object.keys(change).some((key) => key in good.audit);
    const report = inAudit
      ? { ...good, audit: { ...good.audit, ...change } }
      : { ...good, ...change };
    expect(failing(report as ImageReport)).toEqual([expect.stringMatching(check)]);
  });
});

describe('the report', () => {
  it('prints durations people read', () => {
    expect([850, 41_300, 125_000, 3_600_000].map(duration)).toEqual([
      '850 ms',
      '41.3s',
      '2m05s',
      '60m00s',
    ]);
  });

  it('tables the images and lists each check once, naming the images that fail it', () => {
    expect(imagesTable([good]).split('\n')).toEqual([
      'image        build  size    base    app layer  node_modules  own code  largest package',
      'ban-service  1m38s  395 MB  268 MB  127 MB     120 MB        5.0 MB    typeorm 30 MB',
    ]);
    const bad = { ...good, app: 'gossip-node', user: 'root' };
    const { text, ok } = imageChecks([good, bad]);
    expect(ok).toBe(false);
    expect(text).toContain('FAIL  runs as a non-root user — gossip-node: USER root, uid 1000');
    expect(text).toContain(
      'ok    no dev dependencies — ban-service: none; @types/node only as a dependency of protobufjs',
    );
  });
});
