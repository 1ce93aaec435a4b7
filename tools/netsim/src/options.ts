import { EXPECT_UP_BEFORE_MS } from './collector.js';
import type { Population } from './topology.js';

export interface NetsimOptions {
  nodes: number;
  populations: Population[];
  rounds: number;
  k: number;
  seed: number;
  delayMs: number;
  jitterMs: number;
  /** KB/s per direction of every link (Toxiproxy's unit); 0 = unlimited. */
  bandwidthKBps: number;
  durationMs: number;
  warmupMs: number;
  settleMs: number;
  blockRate: number;
  subtreeBurst: number;
  subtreeIntervalMs: number;
  nodeStatusIntervalMs: number;
  churn: number;
  churnDownMs: number;
  cuts: number;
  cutForMs: number;
  stalls: number;
  stallForMs: number;
  outDir: string | undefined;
  /** Where every node writes a CPU profile (ours: V8 .cpuprofile, Go: pprof); unset: none. */
  cpuProfileDir: string | undefined;
  netns: boolean;
}

/** Every node must be a receiver (up that long) by the first publication. */
const MIN_WARMUP_MS = EXPECT_UP_BEFORE_MS;

/** Bounds of one invocation: every run is limited in size and time. */
export const LIMITS = { nodes: 64, durationMs: 600_000, blockRate: 200, subtreeBurst: 500 };

export const DEFAULTS: NetsimOptions = {
  nodes: 20,
  populations: ['ours', 'go'],
  rounds: 1,
  k: 6,
  seed: 1,
  delayMs: 50,
  jitterMs: 20,
  bandwidthKBps: 1250,
  durationMs: 60_000,
  warmupMs: 5000,
  settleMs: 10_000,
  blockRate: 1,
  subtreeBurst: 20,
  subtreeIntervalMs: 10_000,
  nodeStatusIntervalMs: 10_000,
  churn: 0,
  churnDownMs: 10_000,
  cuts: 0,
  cutForMs: 20_000,
  stalls: 0,
  stallForMs: 30_000,
  outDir: undefined,
  cpuProfileDir: undefined,
  netns: true,
};

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `50ms`, `1.5s`, `2m`, or a bare number of milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new Error(`--${name}: not a duration (e.g. 50ms, 10s, 2m): ${text}`);
  return Math.round(Number(match[1]) * UNITS_MS[match[2] ?? 'ms']!);
}

const BITS: Record<string, number> = { kbit: 1e3, mbit: 1e6, gbit: 1e9 };

/** `10mbit`, `512kbit`, `0` (unlimited) → KB/s, Toxiproxy's bandwidth unit. */
export function parseBandwidth(text: string): number {
  if (text.trim() === '0') return 0;
  const match = /^(\d+(?:\.\d+)?)(kbit|mbit|gbit)$/.exec(text.trim().toLowerCase());
  if (!match) throw new Error(`--bandwidth: not a rate (e.g. 10mbit, 512kbit, 0): ${text}`);
  return Math.max(1, Math.round((Number(match[1]) * BITS[match[2]!]!) / 8 / 1000));
}

/** A reader of an integer from `min` to `max`. */
const between =
  (min: number, max: number) =>
  (text: string, name: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name}: an integer from ${min} to ${max}, not ${text}`);
    return value;
  };

function positive(text: string, name: string, max: number): number {
  const value = Number(text.replace(/\/s$/, ''));
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`--${name}: a number above 0 and at most ${max}, not ${text}`);
  return value;
}

const USAGE = `usage: netsim [--nodes 20] [--population ours,go,mixed] [--rounds 1] [--k 6] [--seed 1]
  [--delay 50ms] [--jitter 20ms] [--bandwidth 10mbit|0] [--duration 60s] [--warmup 5s] [--settle 10s]
  [--block-rate 1] [--subtree-burst 20] [--subtree-interval 10s] [--node-status-interval 10s]
  [--churn 0] [--churn-down 10s] [--cut 0] [--cut-for 20s] [--stall 0] [--stall-for 30s]
  [--out DIR] [--cpu-profile DIR] [--no-netns]`;

type Setter = (options: NetsimOptions, value: string, name: string) => void;

const set =
  <K extends keyof NetsimOptions>(
    key: K,
    read: (value: string, name: string) => NetsimOptions[K],
  ): Setter =>
  (options, value, name) => {
    options[key] = read(value, name);
  };

function populations(value: string): Population[] {
  const list = value.split(',').map((p) => p.trim());
  for (const p of list)
    if (p !== 'ours' && p !== 'go' && p !== 'libp2p' && p !== 'mixed')
      throw new Error(`--population: ours, go, libp2p or mixed (comma-separated), not ${p}`);
  return list as Population[];
}

function runDuration(value: string, name: string): number {
  const ms = parseDuration(value, name);
  if (ms > LIMITS.durationMs || ms < 1000)
    throw new Error(`--duration: from 1s to ${LIMITS.durationMs / 1000}s, not ${value}`);
  return ms;
}

/** Every `--name value` flag: the option it sets and how its value is read. */
const FLAGS = new Map<string, Setter>([
  ['nodes', set('nodes', between(2, LIMITS.nodes))],
  ['population', set('populations', populations)],
  ['rounds', set('rounds', between(1, 10))],
  ['k', set('k', between(1, 32))],
  ['seed', set('seed', between(0, 2 ** 31))],
  ['delay', set('delayMs', parseDuration)],
  ['jitter', set('jitterMs', parseDuration)],
  ['bandwidth', set('bandwidthKBps', parseBandwidth)],
  ['duration', set('durationMs', runDuration)],
  ['warmup', set('warmupMs', parseDuration)],
  ['settle', set('settleMs', parseDuration)],
  ['block-rate', set('blockRate', (value, name) => positive(value, name, LIMITS.blockRate))],
  ['subtree-burst', set('subtreeBurst', between(0, LIMITS.subtreeBurst))],
  ['subtree-interval', set('subtreeIntervalMs', parseDuration)],
  ['node-status-interval', set('nodeStatusIntervalMs', parseDuration)],
  ['churn', set('churn', between(0, LIMITS.nodes))],
  ['churn-down', set('churnDownMs', parseDuration)],
  ['cut', set('cuts', between(0, 100))],
  ['cut-for', set('cutForMs', parseDuration)],
  ['stall', set('stalls', between(0, 100))],
  ['stall-for', set('stallForMs', parseDuration)],
  ['out', set('outDir', (value) => value)],
  ['cpu-profile', set('cpuProfileDir', (value) => value)],
]);

/** The command line as options; throws with the usage on anything unknown or out of bounds. */
export function parseOptions(argv: readonly string[]): NetsimOptions {
  const options: NetsimOptions = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--no-netns') {
      options.netns = false;
      continue;
    }
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    const value = argv[++i];
    if (!flag.startsWith('--') || value === undefined)
      throw new Error(`${flag}: expected --name value\n${USAGE}`);
    const name = flag.slice(2);
    const setter = FLAGS.get(name);
    if (!setter) throw new Error(`unknown option ${flag}\n${USAGE}`);
    setter(options, value, name);
  }
  if (options.warmupMs < MIN_WARMUP_MS)
    throw new Error(
      `--warmup: at least ${MIN_WARMUP_MS / 1000}s (a node is a receiver once it has been up that long)`,
    );
  if (options.churn >= options.nodes)
    throw new Error(`--churn ${options.churn}: fewer than --nodes ${options.nodes}`);
  return options;
}
