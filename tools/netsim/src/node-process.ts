import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  parsePeerLine,
  type DeliveredLine,
  type PeerCommand,
  type PublishedLine,
  type StatsLine,
} from './peer-lines.js';
import { readProcUsage, type ProcUsage } from './proc-usage.js';
import type { Implementation } from './topology.js';

/** How to start one node; the same again for a restart (same key, same ports). */
export interface NodeLaunch {
  index: number;
  implementation: Implementation;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** How long a node may take to quit before it is killed (longer while writing a profile). */
  stopGraceMs?: number;
}

export interface NodeSink {
  delivered(node: SimNode, line: DeliveredLine): void;
  published(node: SimNode, line: PublishedLine): void;
  stats(node: SimNode, line: StatsLine): void;
  error(node: SimNode, context: string, error: string): void;
}

const READY_TIMEOUT_MS = 60_000;
const STDERR_TAIL = 8000;

/**
 * One node of the run as a child process speaking the line protocol (peer-lines.ts). It keeps
 * the CPU time and peak RSS of every incarnation (a restart adds a new one) sampled from /proc
 * while it runs.
 */
export class SimNode {
  peerId = '';
  private child: ChildProcess | undefined;
  private stderr = '';
  private exited: Promise<void> = Promise.resolve();
  private readonly finished: ProcUsage[] = [];
  private current: ProcUsage | undefined;
  /** Up intervals [start, end) in ms; end undefined while up. */
  readonly upSince: { from: number; to?: number }[] = [];

  constructor(
    readonly launch: NodeLaunch,
    private readonly sink: NodeSink,
  ) {}

  get index(): number {
    return this.launch.index;
  }
  get implementation(): Implementation {
    return this.launch.implementation;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  async start(): Promise<void> {
    const child = spawn(this.launch.command, this.launch.args, {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '/',
        ...this.launch.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.current = undefined;
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`node ${this.index} not ready in ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`node ${this.index} exited before it was ready`));
      });
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (text) => {
        const line = parsePeerLine(text);
        if (!line) return;
        switch (line.kind) {
          case 'ready':
            this.peerId = line.peerId;
            clearTimeout(timer);
            resolve();
            break;
          case 'delivered':
            this.sink.delivered(this, line);
            break;
          case 'published':
            this.sink.published(this, line);
            break;
          case 'stats':
            this.sample();
            this.sink.stats(this, line);
            break;
          case 'error':
            this.sink.error(this, line.context, line.error);
            break;
        }
      });
    });
    try {
      await ready;
    } catch (error) {
      await this.stop(0);
      throw new Error(`${(error as Error).message}\n--- stderr (tail) ---\n${this.stderr}`);
    }
    this.upSince.push({ from: Date.now() });
  }

  send(command: PeerCommand): void {
    if (this.running) this.child!.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** Reads the process's CPU time and peak RSS now (called with every stats line). */
  sample(): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    this.current = readProcUsage(pid) ?? this.current;
  }

  /** Asks the node to quit, then SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = this.launch.stopGraceMs ?? 5000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.sample();
    const last = this.upSince.at(-1);
    if (last && last.to === undefined) last.to = Date.now();
    if (this.running) {
      this.send({ cmd: 'quit' });
      const timers = [
        setTimeout(() => child.kill('SIGTERM'), graceMs / 2),
        setTimeout(() => child.kill('SIGKILL'), graceMs),
      ];
      await this.exited;
      timers.forEach(clearTimeout);
    }
    if (this.current) this.finished.push(this.current);
    this.current = undefined;
    this.child = undefined;
  }

  /** Kills the process at once (Ctrl-C, failure): no goodbye. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  /** CPU seconds of every incarnation and the highest peak RSS. */
  usage(): ProcUsage {
    const all = [...this.finished, ...(this.current ? [this.current] : [])];
    return {
      cpuSeconds: all.reduce((sum, u) => sum + u.cpuSeconds, 0),
      peakRssBytes: Math.max(0, ...all.map((u) => u.peakRssBytes)),
    };
  }

  stderrTail(): string {
    return this.stderr;
  }
}
