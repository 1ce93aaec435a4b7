import { existsSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system, all threads) the process has used so far (Linux /proc). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Starts measuring the CPU of named processes; the returned function gives, per name, the
 * percent of one core each used since (processes that are gone by then are left out).
 */
export function watchCpu(pids) {
  const live = Object.entries(pids).filter(([, pid]) => pid && existsSync(`/proc/${pid}/stat`));
  const before = live.map(([, pid]) => cpuSeconds(pid));
  const startedAt = performance.now();
  return () => {
    const seconds = (performance.now() - startedAt) / 1000;
    const shares = {};
    live.forEach(([name, pid], i) => {
      if (existsSync(`/proc/${pid}/stat`))
        shares[name] = (100 * (cpuSeconds(pid) - before[i])) / seconds;
    });
    return shares;
  };
}

/** "name 61 %, name 47 %" for a watchCpu result. */
export const formatCpu = (shares) =>
  Object.entries(shares)
    .map(([name, percent]) => `${name} ${percent.toFixed(0)} %`)
    .join(', ');
