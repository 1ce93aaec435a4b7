import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@teranode-p2p/testing';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface CommandOptions {
  /** Extra environment for the command (added to this process's). */
  readonly env?: Record<string, string>;
  /** Non-zero exit codes are returned instead of thrown. */
  readonly allowFailure?: boolean;
  /** Everything the command writes also goes to this file. */
  readonly logFile?: string;
  /** Sent on stdin. */
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** Runs a command from the workspace root and collects its output. */
export function run(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: workspaceRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const log = options.logFile ? createWriteStream(options.logFile) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      log?.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      log?.write(chunk);
    });
    child.stdin.end(options.input ?? '');
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log?.end();
      const result = { code: code ?? 128, stdout, stderr, ms: Date.now() - started };
      if (result.code === 0 || options.allowFailure) return resolve(result);
      const output = `${stderr}${stdout}`.trim().split('\n').slice(-15).join('\n');
      const cause = signal ? `was stopped by ${signal}` : `exited with ${result.code}`;
      reject(new Error(`${command} ${args.join(' ')} ${cause}\n${output}`));
    });
  });
}

const SCRIPT = join(workspaceRoot, 'scripts/containers.sh');

/**
 * scripts/containers.sh: the machine's container engine and compose with the adaptations the
 * machine needs (none where a registry and a normal runtime exist).
 */
export const containers = {
  prepare: (options?: CommandOptions) => run('bash', [SCRIPT, 'prepare'], options),
  engine: (args: readonly string[], options?: CommandOptions) =>
    run('bash', [SCRIPT, 'engine', ...args], options),
  compose: (args: readonly string[], options?: CommandOptions) =>
    run('bash', [SCRIPT, 'compose', ...args], options),
  /** healthy | unhealthy | starting | none (the engine runs the check when nothing else does). */
  health: async (container: string) =>
    (await run('bash', [SCRIPT, 'health', container], { allowFailure: true })).stdout.trim(),
};
