// npm run test:deploy — the deployment artifacts as an operator runs them: every app image built
// from its own Dockerfile and measured, docker-compose.yml started (with the test's override:
// these images, ports chosen by the engine), every container healthy, a smoke test through the
// published ports only, then everything the run created torn down, also on failure or Ctrl-C.
//   node tools/deploy-test/dist/main.js [--skip-build] [--keep]
// --skip-build: use the images a previous run built; --keep: leave the stack up afterwards
// (tear it down with --down).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@teranode-p2p/testing';
import { containers } from './containers.js';
import { buildImage, type ImageReport, measureImage, pruneBuildImages } from './images.js';
import { duration, imageChecks, imagesTable, type Step, stepLine } from './report.js';
import {
  banServiceOutageShows,
  banShowsInRefusal,
  blockReachesWebSocket,
  type Endpoints,
  everyServiceReady,
} from './smoke.js';
import {
  compose,
  composeServices,
  downStack,
  httpPortOf,
  imageOf,
  portOf,
  type Stack,
  stackServiceNames,
  upStack,
  waitHealthy,
} from './stack.js';

const HEALTHY_TIMEOUT_MS = 5 * 60_000;
const started = Date.now();
const flags = new Set(process.argv.slice(2));
const unknown = [...flags].filter((f) => !['--skip-build', '--keep', '--down'].includes(f));
if (unknown.length > 0) {
  process.stderr.write(
    `deploy-test: unknown ${unknown.join(' ')} (--skip-build, --keep, --down)\n`,
  );
  process.exit(2);
}
const print = (line = '') => process.stdout.write(`${line}\n`);
const logDir = join(workspaceRoot, '.cache/deploy-test');
mkdirSync(logDir, { recursive: true });

const apps = readdirSync(join(workspaceRoot, 'apps'))
  .filter((app) => existsSync(join(workspaceRoot, 'apps', app, 'Dockerfile')))
  .sort();
const services = composeServices();
const service = (name: string) => services.find((s) => s.name === name)!;

const steps: Step[] = [];
/** Runs one named step, prints its line; a failure is recorded, not thrown. */
async function step(name: string, action: () => Promise<string>): Promise<boolean> {
  const t0 = Date.now();
  let ok = true;
  let detail: string;
  try {
    detail = await action();
  } catch (error) {
    ok = false;
    detail = error instanceof Error ? error.message : String(error);
  }
  const result = { name, ms: Date.now() - t0, ok, detail };
  steps.push(result);
  print(stepLine(result));
  return ok;
}

let tornDown = false;
async function tearDown(): Promise<void> {
  if (tornDown) return;
  tornDown = true;
  await step('tear down: compose down -v, nothing of the project left', async () => {
    const leftovers = await downStack();
    const pruned = await pruneBuildImages();
    return (
      (leftovers.length === 0
        ? 'containers, network and volumes removed'
        : `also removed what compose left: ${leftovers.join(', ')}`) +
      `; ${pruned} untagged build images pruned, the ${apps.length} app images kept`
    );
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    print(`\n${signal}: tearing down`);
    void tearDown().finally(() => process.exit(130));
  });
}

if (flags.has('--down')) {
  await tearDown();
  process.exit(steps.every((s) => s.ok) ? 0 : 1);
}

print(
  `deploy test: ${apps.length} app images, docker-compose.yml, ${availableParallelism()} cores`,
);
const prepared = await step('container engine ready (scripts/containers.sh prepare)', async () => {
  const { stderr } = await containers.prepare();
  return stderr
    .trim()
    .split('\n')
    .at(-1)!
    .replace(/^containers\.sh: /, '');
});
if (!prepared) process.exit(1);
// A run stopped hard (kill -9) may have left its stack: start from nothing.
await downStack();

const reports: ImageReport[] = [];
let imagesOk = true;
try {
  for (const app of apps) {
    let buildMs = 0;
    if (!flags.has('--skip-build')) {
      const built = await step(`build ${imageOf(app)}`, async () => {
        buildMs = await buildImage(app, imageOf(app), join(logDir, `build-${app}.log`));
        return `apps/${app}/Dockerfile (log: .cache/deploy-test/build-${app}.log)`;
      });
      if (!built) throw new Error(`building ${app} failed`);
    }
    reports.push(await measureImage(app, imageOf(app), buildMs));
  }
} catch (error) {
  imagesOk = false;
  print(`images: ${error instanceof Error ? error.message : String(error)}`);
}
if (reports.length > 0) {
  print();
  print(imagesTable(reports));
  const checks = imageChecks(reports);
  print(checks.text);
  print();
  imagesOk &&= checks.ok;
  steps.push({ name: 'image checks', ms: 0, ok: checks.ok, detail: '' });
}

const apiKey = randomBytes(16).toString('hex');
try {
  if (imagesOk) {
    let stack = undefined as Stack | undefined;
    const up = await step('compose up (docker-compose.yml + the test override)', async () => {
      stack = await upStack({ GRPC_ADMIN_API_KEY: apiKey });
      return `project teranode-p2p-deploy-test, ${stackServiceNames().length} services`;
    });
    const healthy =
      up &&
      (await step('every container healthy', async () => {
        const took = await waitHealthy(stackServiceNames(), HEALTHY_TIMEOUT_MS);
        return Object.entries(took)
          .sort((a, b) => a[1] - b[1])
          .map(([name, ms]) => `${name} ${duration(ms)}`)
          .join(', ');
      }));
    if (healthy && stack) {
      const http: Record<string, string> = {};
      for (const app of apps) http[app] = await stack.address(app, httpPortOf(service(app)));
      const endpoints: Endpoints = {
        http,
        banServiceGrpc: await stack.address(
          'ban-service',
          portOf(service('ban-service'), 'ban_service_grpc_listen_address'),
        ),
        gossipNodeGrpc: await stack.address(
          'gossip-node',
          portOf(service('gossip-node'), 'p2p_grpc_listen_address'),
        ),
        gossipNodeP2p: await stack.address(
          'gossip-node',
          portOf(service('gossip-node'), 'p2p_port'),
        ),
        apiKey,
      };
      print(
        `  published: ${Object.entries(http)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      await step('readiness of every service is 200', () => everyServiceReady(endpoints));
      await step('a simulator block reaches a WebSocket client of ws-gateway', () =>
        blockReachesWebSocket(endpoints),
      );
      await step('p2pctl bans a subnet through ban-service; gossip-node refuses it', () =>
        banShowsInRefusal(endpoints),
      );
      await step('ban-service killed: 503 on gossip-node naming it, then recovery', () =>
        banServiceOutageShows(endpoints),
      );
    }
    if (!steps.every((s) => s.ok)) {
      // What the containers said, for whoever reads the failure.
      const { stdout, stderr } = await compose(['logs', '--tail', '200']).catch((error: Error) => ({
        stdout: '',
        stderr: error.message,
      }));
      writeFileSync(join(logDir, 'compose.log'), stdout + stderr);
      print('  container logs: .cache/deploy-test/compose.log');
    }
  }
} finally {
  if (flags.has('--keep'))
    print('stack kept up (--keep); tear it down with: npm run test:deploy -- --down');
  else await tearDown();
}

const ok = imagesOk && steps.every((s) => s.ok);
const totalMs = Date.now() - started;
writeFileSync(
  join(logDir, 'report.json'),
  JSON.stringify({ ok, totalMs, steps, images: reports }, null, 2),
);
print();
print(
  `deploy test ${ok ? 'PASSED' : 'FAILED'} in ${duration(totalMs)} (report: .cache/deploy-test/report.json)`,
);
process.exit(ok ? 0 : 1);
