/**
 * Go-style durations (`250ms`, `30s`, `1m30s`, `1.5h`, `24h`) as whole milliseconds.
 * Units h, m, s and ms only: finer units would have no meaning for any setting we have.
 * A bare number is rejected (is `30` seconds or milliseconds?), except `0`.
 */

const MS_PER_UNIT: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

const COMPONENT = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;

/** Parses a duration; returns milliseconds, or undefined if the text is not a valid duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text.length === 0) return undefined;
  let total = 0;
  COMPONENT.lastIndex = 0;
  while (COMPONENT.lastIndex < text.length) {
    const match = COMPONENT.exec(text);
    if (match === null) return undefined;
    const [, amount, unit] = match as unknown as [string, string, string];
    total += Number(amount) * (MS_PER_UNIT[unit] as number);
  }
  // Round away binary noise from fractional components (1.1s = 1100.0000000000002 ms).
  const rounded = Math.round(total * 1e6) / 1e6;
  if (!Number.isSafeInteger(rounded)) return undefined;
  return rounded;
}

/** The shortest Go-style text for a number of milliseconds: 90000 → `1m30s`, 250 → `250ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  let rest = ms;
  let text = '';
  for (const unit of ['h', 'm', 's'] as const) {
    const size = MS_PER_UNIT[unit] as number;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  if (rest > 0) text += `${rest}ms`;
  return text;
}
