import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { workspaceRoot } from './spawn-app.js';

const run = promisify(execFile);

/** A server of the test's own that it may stop and start at will (outage tests). */
export interface PrivateServer {
  /** `postgres://…` URL or `host:port` of the broker. */
  address: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster (the installed server binaries, run as the postgres user)
 * in a temporary folder on a free port, so a test can stop the database for real without
 * touching the shared one.
 */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const bin = await postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'pg-private-'));
  chmodSync(dir, 0o700);
  const { uid, gid } = await postgresUser();
  chownSync(dir, uid, gid);
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]);
  await asPostgres('initdb', [
    '-D',
    join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'teranode',
    '--no-sync',
  ]);
  const ctl = (action: 'start' | 'stop') =>
    asPostgres('pg_ctl', [
      '-D',
      join(dir, 'data'),
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      ...(action === 'start'
        ? ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`]
        : ['-m', 'fast']),
      action,
    ]);
  await ctl('start');
  return {
    address: `postgres://teranode@127.0.0.1:${port}/postgres`,
    start: async () => void (await ctl('start')),
    stop: async () => void (await ctl('stop')),
    destroy: async () => {
      await ctl('stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private broker can also be frozen (SIGSTOP): it keeps its connections but answers nothing. */
export interface PrivateKafka extends PrivateServer {
  freeze(): void;
  thaw(): void;
}

/** A second Apache Kafka broker (scripts/kafka.sh on other ports) that a test may stop and start. */
export async function startPrivateKafka(
  port: number,
  controllerPort: number,
): Promise<PrivateKafka> {
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  };
  const script = join(workspaceRoot, 'scripts/kafka.sh');
  const kafka = (command: string) => run('bash', [script, command], { env, timeout: 120_000 });
  await kafka('start');
  const signal = (name: NodeJS.Signals) => {
    const pidFile = join(workspaceRoot, '.cache/kafka', `run-${port}`, 'kafka.pid');
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), name);
  };
  return {
    address: `127.0.0.1:${port}`,
    start: async () => void (await kafka('start')),
    stop: async () => void (await kafka('stop')),
    destroy: async () => {
      try {
        signal('SIGCONT'); // a frozen broker would not stop
      } catch {
        // not running
      }
      await kafka('stop');
    },
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
  };
}

async function postgresBinDir(): Promise<string> {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0)
    throw new Error('no PostgreSQL server installed under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[0]!, 'bin');
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}
