/**
 * netsim: N gossip nodes (ours, Teranode's Go peer, or a mix) whose every link goes through a
 * Toxiproxy proxy with delay, jitter and a bandwidth limit; a workload of blocks, subtree
 * bursts and node_status, with cut and stalled links and churn; a report of delivery,
 * propagation, duplicates, bytes, CPU and memory per population, run interleaved.
 * See tools/netsim/README.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareBinaries, workspaceRoot } from './binaries.js';
import { cdfSvg } from './cdf-svg.js';
import { installCleanup } from './cleanup.js';
import type { RunResult } from './collector.js';
import { parseOptions, type NetsimOptions } from './options.js';
import { formatReport } from './report-table.js';
import { runPopulation, type Binaries } from './run-population.js';

const IN_NETNS = 'NETSIM_IN_NETNS';
const BINARIES = 'NETSIM_BINARIES';
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs this same command inside a new network namespace (only loopback, gone with it). */
function inNamespace(binaries: Binaries): Promise<number> {
  const child = spawn('unshare', ['--net', '--', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [IN_NETNS]: '1', [BINARIES]: JSON.stringify(binaries) },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
}

function canUnshare(): boolean {
  try {
    execFileSync('unshare', ['--net', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function runAll(options: NetsimOptions, binaries: Binaries): Promise<RunResult[]> {
  if (process.env[IN_NETNS]) execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const runs: RunResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Interleaved: each round runs every population, alternating which goes first.
    const order = round % 2 === 0 ? options.populations : [...options.populations].reverse();
    for (const population of order) {
      log(`netsim: round ${round + 1}/${options.rounds}, population ${population}`);
      runs.push(await runPopulation(population, round, options, binaries, log));
    }
  }
  return runs;
}

function write(options: NetsimOptions, runs: RunResult[]): string {
  const outDir =
    options.outDir ??
    join(workspaceRoot, '.cache', 'netsim', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(outDir, { recursive: true });
  const report = formatReport(runs);
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify({ options, runs }, null, 2)}\n`);
  writeFileSync(join(outDir, 'report.md'), report);
  const series: Record<string, number[]> = {};
  for (const run of runs)
    for (const [direction, samples] of Object.entries(run.samples))
      (series[`${run.population}#${run.round} ${direction}`] ??= []).push(...samples);
  writeFileSync(
    join(outDir, 'propagation-cdf.svg'),
    cdfSvg(
      `propagation, ${options.nodes} nodes, ${options.delayMs}±${options.jitterMs} ms links`,
      series,
    ),
  );
  process.stdout.write(report);
  return outDir;
}

async function main(): Promise<number> {
  let options: NetsimOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log((error as Error).message);
    return 64;
  }
  const withGo = options.populations.some((p) => p === 'go' || p === 'mixed');
  if (!process.env[IN_NETNS]) {
    const binaries = await prepareBinaries(withGo);
    if (options.netns) {
      if (canUnshare()) return inNamespace(binaries);
      log('netsim: cannot create a network namespace (needs root): running on the host loopback');
    }
    process.env[BINARIES] = JSON.stringify(binaries);
  }
  installCleanup();
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const binaries = JSON.parse(process.env[BINARIES]!) as Binaries;
  const runs = await runAll(options, binaries);
  const outDir = write(options, runs);
  log(`netsim: report in ${outDir}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    log(`netsim: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
