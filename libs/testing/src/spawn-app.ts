import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitFor } from './wait-for.js';

export interface SpawnedApp {
  process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends a signal and waits for the exit (SIGKILL after the grace period). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export interface SpawnAppOptions {
  env?: Record<string, string>;
  args?: string[];
  /** Resolve once this appears in the output (or once the process is spawned when unset). */
  readyWhen?: RegExp;
  readyTimeoutMs?: number;
}

export const workspaceRoot = resolve(new URL('.', import.meta.url).pathname, '../../..');

/** Runs a built app (`apps/<name>/dist/main.js`) as a child process on the current Node. */
export async function spawnApp(name: string, options: SpawnAppOptions = {}): Promise<SpawnedApp> {
  const main = join(workspaceRoot, 'apps', name, 'dist', 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} does not exist: build it first (npx nx build ${name})`);
  return spawnNode(main, options);
}

export async function spawnNode(
  script: string,
  options: SpawnAppOptions = {},
): Promise<SpawnedApp> {
  const child = spawn(process.execPath, [script, ...(options.args ?? [])], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) =>
    child.on('exit', (code) => resolveExit(code)),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  const app: SpawnedApp = {
    process: child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM', graceMs = 10_000) => {
      if (!ended) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (options.readyWhen) {
    const ready = options.readyWhen;
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    const exitedEarly = exited.then((code) => {
      throw new Error(`${script} exited with code ${code} before printing ${ready}`);
    });
    exitedEarly.catch(() => undefined);
    try {
      await Promise.race([
        waitFor(`${script} to print ${ready}`, () => ready.test(output), { timeoutMs }),
        exitedEarly,
      ]);
    } catch (error) {
      await app.stop('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
    }
  }
  return app;
}
