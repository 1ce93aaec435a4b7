import type { RunResult } from './collector.js';

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : '–');
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const percent = (ratio: number) =>
  Number.isFinite(ratio) ? `${(ratio * 100).toFixed(ratio === 1 ? 0 : 2)} %` : 'none expected';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The runs as Markdown tables: delivery and propagation by direction, then cost per implementation. */
export function formatReport(runs: readonly RunResult[]): string {
  const delivery = table(
    ['run', 'direction', 'kind', 'msgs', 'delivered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    runs.flatMap((run) =>
      run.directions.map((d) => [
        `${run.population}#${run.round}`,
        d.direction,
        d.kind,
        String(d.messages),
        `${percent(d.ratio)} (${d.delivered}/${d.expected})`,
        ms(d.propagationMs.p50),
        ms(d.propagationMs.p90),
        ms(d.propagationMs.p99),
        ms(d.propagationMs.max),
      ]),
    ),
  );
  const cost = table(
    [
      'run',
      'impl',
      'nodes',
      'dup/msg',
      'bytes/msg/node',
      'CPU s/node',
      'CPU ms/delivered',
      'peak RSS MiB',
      'peers',
      'mesh degree (block, per 10 s)',
    ],
    runs.flatMap((run) =>
      run.summary.map((s) => [
        `${run.population}#${run.round}`,
        s.implementation,
        String(s.nodes),
        fixed(s.duplicatesPerMessage, 2),
        fixed(s.bytesPerMessage, 0),
        fixed(s.cpuSecondsPerNode, 1),
        fixed(s.cpuMsPerDelivered, 2),
        fixed(s.peakRssMiB, 0),
        fixed(s.connectedPeers, 1),
        s.meshDegree.map((d) => fixed(d, 1)).join(' '),
      ]),
    ),
  );
  const notes = runs.map((run) => {
    const parts = [
      `${run.population}#${run.round}: ${run.nodes} nodes, ${run.links} links, workload ${(run.workloadMs / 1000).toFixed(0)} s`,
      `published ${Object.entries(run.published)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}`,
      `direct connections (bypassing proxies) ${run.directConnections}`,
      `load avg ${fixed(run.machine.loadMean)} (max ${fixed(run.machine.loadMax)}), nodes used ${fixed(run.machine.nodeCores, 2)} cores`,
    ];
    if (run.faults.length) parts.push(`faults: ${run.faults.join('; ')}`);
    if (run.missing.length)
      parts.push(
        `missed: ${run.missing
          .slice(0, 5)
          .map(
            (m) =>
              `${m.kind} from n${m.publisher} at ${(m.atMs / 1000).toFixed(1)}s by ${m.nodes.map((n) => `n${n}`).join(',')}`,
          )
          .join('; ')}${run.missing.length > 5 ? ` (${run.missing.length} in report.json)` : ''}`,
      );
    if (run.errors.length) parts.push(`${run.errors.length} errors, first: ${run.errors[0]}`);
    return `- ${parts.join('; ')}`;
  });
  return `${delivery}\n\n${cost}\n\n${notes.join('\n')}\n`;
}
