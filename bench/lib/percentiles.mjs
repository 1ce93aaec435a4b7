/**
 * The values at the given percentiles (0–100), sorting a copy once: the nearest-rank value, the
 * largest for 100; undefined for no values.
 */
export function percentiles(values, ...ps) {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}
