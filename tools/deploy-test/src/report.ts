import { type ImageReport, judgeImage, mb } from './images.js';

/** 2m05s, 41.3s, 850 ms */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The images' table: build time, size, the app layer over the base and what fills it. */
export function imagesTable(reports: readonly ImageReport[]): string {
  return table(
    ['image', 'build', 'size', 'base', 'app layer', 'node_modules', 'own code', 'largest package'],
    reports.map((r) => {
      const [largest] = r.audit.largestPackages;
      return [
        r.app,
        r.buildMs === 0 ? 'skipped' : duration(r.buildMs),
        mb(r.bytes),
        mb(r.baseBytes),
        mb(r.bytes - r.baseBytes),
        mb(r.audit.bytes.node_modules),
        mb(r.audit.bytes.own),
        largest ? `${largest.name} ${mb(largest.bytes)}` : '-',
      ];
    }),
  );
}

/** Each check once, with the images that fail it; the details of the first image. */
export function imageChecks(reports: readonly ImageReport[]): { text: string; ok: boolean } {
  const byImage = reports.map((r) => ({ app: r.app, findings: judgeImage(r) }));
  const checks = byImage[0]?.findings.map((f) => f.check) ?? [];
  let ok = true;
  const lines = checks.map((check, i) => {
    const failing = byImage.filter((b) => !b.findings[i]!.ok);
    ok &&= failing.length === 0;
    const details = failing.length === 0 ? [byImage[0]!] : failing;
    const detail = details.map((d) => `${d.app}: ${d.findings[i]!.detail}`).join('; ');
    return `  ${failing.length === 0 ? 'ok  ' : 'FAIL'}  ${check} — ${detail}`;
  });
  return { text: lines.join('\n'), ok };
}

export interface Step {
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
  readonly detail: string;
}

export const stepLine = (step: Step) =>
  `  ${step.ok ? 'ok  ' : 'FAIL'}  ${step.name} (${duration(step.ms)}) — ${step.detail}`;
