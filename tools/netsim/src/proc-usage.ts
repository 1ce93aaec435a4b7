import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

export interface ProcUsage {
  /** User + system CPU seconds of the process (all its threads). */
  cpuSeconds: number;
  /** Peak resident set (VmHWM), bytes. */
  peakRssBytes: number;
}

/** The process's CPU time (/proc/<pid>/stat) and peak RSS (/proc/<pid>/status); undefined once gone. */
export function readProcUsage(pid: number): ProcUsage | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return {
      cpuSeconds: (utime + stime) / clockTicks(),
      peakRssBytes: hwm ? Number(hwm[1]) * 1024 : 0,
    };
  } catch {
    return undefined;
  }
}
