/**
 * Control characters (C0, DEL, C1) and bidirectional overrides as `\x1b` / `\u202e`: what a
 * remote peer chose (client names, URLs, error texts) never moves the cursor, recolours the
 * terminal or reorders what is shown.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    },
  );
}

/** A plain text table: a header row, then rows, columns padded to the widest cell. */
export function renderTable(headers: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(printable));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** `label  value` lines, labels padded to the longest (one record, such as `p2pctl peer`). */
export function renderFields(fields: [label: string, value: string][]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${printable(value)}`).join('\n');
}

/** `2d 3h`, `4h 05m`, `12m 30s`, `45s`: how long until a moment, for ban tables. */
export function formatRemaining(seconds: number): string {
  if (seconds <= 0) return 'expired';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

export { formatUnixTime as formatTime } from '@teranode-p2p/contracts';
