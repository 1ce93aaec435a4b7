import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot as root } from '@teranode-p2p/testing';
import type { RunResult } from '../src/collector.js';

const main = join(root, 'tools/netsim/dist/main.js');

/** Runs netsim as `npm run netsim` does; resolves with its exit code and output. */
function netsim(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [main, ...args], { cwd: root, env: process.env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolveRun) => child.on('exit', (code) => resolveRun({ code, output })));
}

// The CI scenario of issue 17: 8 nodes, half ours and half Teranode's Go peer, every link
// 40 ± 10 ms through Toxiproxy, one link cut mid-run, 60 s of blocks, subtree bursts and
// node_status. netsim builds toxiproxy-server and the Go peer itself (cached), so this runs on
// a clean clone with Go installed.
describe('netsim CI scenario (8 mixed nodes, 40 ± 10 ms links, one link cut)', () => {
  it('delivers every message to every node, in both directions between the implementations', async () => {
    expect(existsSync(main)).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'netsim-ci-'));
    const { code, output } = await netsim([
      ...['--nodes', '8', '--population', 'mixed', '--k', '3', '--seed', '17'],
      ...['--delay', '40ms', '--jitter', '10ms', '--bandwidth', '10mbit'],
      ...['--duration', '60s', '--cut', '1', '--cut-for', '20s', '--out', out],
    ]);
    expect({ code, output: output.slice(-3000) }).toMatchObject({ code: 0 });
    const { runs } = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      runs: RunResult[];
    };
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run!.faults).toEqual([expect.stringMatching(/^cut n\d+-n\d+ at 18s for 20s$/)]);
    expect(run!.published.block).toBeGreaterThanOrEqual(55);
    expect(run!.published.subtree).toBeGreaterThanOrEqual(100);
    expect(run!.published.node_status).toBeGreaterThanOrEqual(40);
    // 100 % of every kind in every direction, nothing left out.
    const directions = new Set(run!.directions.map((d) => d.direction));
    expect(directions).toEqual(new Set(['ours→ours', 'ours→go', 'go→ours', 'go→go']));
    for (const d of run!.directions)
      expect({ ...d, propagationMs: undefined }).toMatchObject({
        delivered: d.expected,
        ratio: 1,
      });
    // Both implementations received from each other, every kind.
    for (const direction of ['ours→go', 'go→ours'])
      for (const kind of ['block', 'subtree', 'node_status'])
        expect(
          run!.directions.find((d) => d.direction === direction && d.kind === kind)?.delivered,
        ).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'propagation-cdf.svg'), 'utf8')).toContain('<polyline');
  }, 1_200_000);

  // The libp2p population (bare js-libp2p, the floor of a Node.js peer) speaks the same line
  // protocol: its runner must deliver, count and report like the others, or its row in the
  // comparison means nothing.
  it('runs the bare js-libp2p population with full delivery and its cost in the report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'netsim-libp2p-'));
    const { code, output } = await netsim([
      ...['--nodes', '4', '--population', 'libp2p', '--k', '2', '--seed', '3'],
      ...['--delay', '10ms', '--jitter', '0ms', '--duration', '15s', '--out', out],
    ]);
    expect({ code, output: output.slice(-3000) }).toMatchObject({ code: 0 });
    const { runs } = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      runs: RunResult[];
    };
    const [run] = runs;
    expect(new Set(run!.directions.map((d) => d.direction))).toEqual(new Set(['libp2p→libp2p']));
    expect(run!.published.node_status).toBeGreaterThan(0);
    for (const d of run!.directions)
      expect({ ...d, propagationMs: undefined }).toMatchObject({
        delivered: d.expected,
        ratio: 1,
      });
    const [summary] = run!.summary;
    expect(summary).toMatchObject({ implementation: 'libp2p' });
    expect(summary!.cpuMsPerDelivered).toBeGreaterThan(0);
    expect(summary!.connectedPeers).toBeGreaterThan(0);
  }, 300_000);
});
