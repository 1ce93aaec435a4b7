import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor, workspaceRoot } from '@teranode-p2p/testing';

/** One JSON line the Go peer printed (tools/interop/output.go). */
export interface GoEvent {
  readonly event: string;
  readonly [field: string]: unknown;
}

/** True when the machine has a Go toolchain; the interop suites run only then. */
export function goAvailable(): boolean {
  const found = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (found.status === 0) return true;
  const banner = '!'.repeat(78);
  console.warn(
    `${banner}\n!! Go is not installed: the Go Teranode interop tests are SKIPPED.\n` +
      `!! Install Go (https://go.dev/dl/) to run them; nothing else skips itself.\n${banner}`,
  );
  return false;
}

/**
 * Builds a Go test program of `tools/` (Go's build cache makes repeated builds cheap) and returns
 * the binary: `interop` (Teranode v0.10/v0.11's libraries) or `interop-msgbus` (today's bus).
 */
export async function buildGoTool(tool: 'interop' | 'interop-msgbus'): Promise<string> {
  const binary = join(
    workspaceRoot,
    '.cache',
    'interop',
    tool === 'interop' ? 'interop-peer' : tool,
  );
  mkdirSync(join(workspaceRoot, '.cache', 'interop'), { recursive: true });
  await promisify(execFile)('go', ['build', '-o', binary, '.'], {
    cwd: join(workspaceRoot, 'tools', tool),
    // -mod=readonly: go.sum pins go-p2p v1.2.4, which the public checksum database lacks.
    env: { ...process.env, GOFLAGS: `${process.env['GOFLAGS'] ?? ''} -mod=readonly`.trim() },
    timeout: 600_000,
  });
  return binary;
}

/** Builds tools/interop and returns the binary. */
export const buildGoPeer = (): Promise<string> => buildGoTool('interop');

/** A running Go test peer: its printed events, and commands sent on its stdin. */
export class GoPeer {
  readonly events: GoEvent[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) this.events.push(JSON.parse(line) as GoEvent);
    });
    child.stderr!.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk).slice(-20_000)),
    );
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** `interop-peer run` (or `command`) with the given flags; resolves once it printed "ready". */
  static async start(binary: string, flags: string[], command = ['run']): Promise<GoPeer> {
    const child = spawn(binary, [...command, ...flags], { stdio: ['pipe', 'pipe', 'pipe'] });
    const peer = new GoPeer(child);
    try {
      await peer.next('ready', () => true, 20_000);
    } catch (error) {
      await peer.stop();
      throw new Error(`${(error as Error).message}\n--- Go peer stderr ---\n${peer.stderr}`);
    }
    return peer;
  }

  get peerId(): string {
    return this.first('ready')!['peerId'] as string;
  }

  get multiaddr(): string {
    return (this.first('ready')!['addrs'] as string[])[0]!;
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** Publishes a payload built from Go's struct (`fields` use the Go JSON names). */
  async publish(kind: string, fields: Record<string, unknown>): Promise<GoEvent> {
    const before = this.events.length;
    this.send({ cmd: 'publish', kind, fields });
    return waitFor(`the Go peer to publish ${kind}`, () => {
      const answer = this.events
        .slice(before)
        .find((e) => e.event === 'published' || e.event === 'error');
      if (answer?.event === 'error') throw new Error(JSON.stringify(answer));
      return answer;
    });
  }

  first(kind: string, match: (event: GoEvent) => boolean = () => true): GoEvent | undefined {
    return this.events.find((e) => e.event === kind && match(e));
  }

  all(kind: string, match: (event: GoEvent) => boolean = () => true): GoEvent[] {
    return this.events.filter((e) => e.event === kind && match(e));
  }

  next(kind: string, match: (event: GoEvent) => boolean, timeoutMs = 15_000): Promise<GoEvent> {
    return waitFor(`the Go peer to print ${kind}`, () => this.first(kind, match), { timeoutMs });
  }

  /** The library's log lines (stderr), for failure messages. */
  log(): string {
    return this.stderr;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.stdin!.end();
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

/** `interop-peer peer-id`: the peer ID the profile's Go library derives from a hex key. */
export async function goPeerId(
  binary: string,
  profile: 'bus' | 'legacy',
  keyHex: string,
): Promise<{ peerId?: string; error?: string }> {
  const { stdout } = await promisify(execFile)(binary, [
    'peer-id',
    '-profile',
    profile,
    '-key',
    keyHex,
  ]).catch((failure: { stdout: string }) => failure);
  const event = JSON.parse(stdout.trim().split('\n').at(-1)!) as GoEvent;
  return event.event === 'peer-id'
    ? { peerId: event['peerId'] as string }
    : { error: event['error'] as string };
}
