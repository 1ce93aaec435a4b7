const COLOURS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

/**
 * An SVG plot of the cumulative distribution of propagation times (publish → last node), one
 * line per series, log-free linear axes from 0 to the largest sample.
 */
export function cdfSvg(title: string, series: Record<string, readonly number[]>): string {
  const width = 800;
  const height = 420;
  const left = 60;
  const right = 260;
  const top = 40;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const all = Object.values(series).flat();
  const maxX = Math.max(1, ...all);
  const x = (v: number) => left + (v / maxX) * plotW;
  const y = (p: number) => top + (1 - p) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="22" font-size="14">${escape(title)}</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${left + plotW}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${left}" y1="${y(0)}" x2="${left}" y2="${y(1)}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (maxX * i) / 5;
    parts.push(
      `<text x="${x(v)}" y="${y(0) + 16}" text-anchor="middle">${Math.round(v)}</text>`,
      `<text x="${left - 6}" y="${y(i / 5) + 4}" text-anchor="end">${(i / 5).toFixed(1)}</text>`,
      `<line x1="${left}" y1="${y(i / 5)}" x2="${left + plotW}" y2="${y(i / 5)}" stroke="#eee"/>`,
    );
  }
  parts.push(
    `<text x="${left + plotW / 2}" y="${height - 12}" text-anchor="middle">publish → last node (ms)</text>`,
  );
  Object.entries(series).forEach(([name, values], i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const sorted = [...values].sort((a, b) => a - b);
    const points = sorted.map(
      (v, j) => `${x(v).toFixed(1)},${y((j + 1) / sorted.length).toFixed(1)}`,
    );
    if (points.length)
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${x(0)},${y(0)} ${points.join(' ')}"/>`,
      );
    parts.push(
      `<line x1="${left + plotW + 15}" y1="${top + 10 + i * 18}" x2="${left + plotW + 35}" y2="${top + 10 + i * 18}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${left + plotW + 40}" y="${top + 14 + i * 18}">${escape(name)} (${sorted.length})</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
