/**
 * Everything a run started, so that Ctrl-C, SIGTERM or a failure ends all of it: each entry
 * kills its process at once.
 */
const live = new Set<{ kill(): void }>();

export function track<T extends { kill(): void }>(item: T): T {
  live.add(item);
  return item;
}

export function untrack(item: { kill(): void }): void {
  live.delete(item);
}

export function killAll(): void {
  for (const item of live) {
    try {
      item.kill();
    } catch {
      // already gone
    }
  }
  live.clear();
}

/** Kills every tracked process on exit and on SIGINT/SIGTERM (exit code 130/143). */
export function installCleanup(): void {
  process.on('exit', killAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.on(signal, () => {
      process.stderr.write(`netsim: ${signal}, stopping every node\n`);
      killAll();
      process.exit(code);
    });
}
