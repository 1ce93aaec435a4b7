/**
 * A server that could not take its address at start, said so an operator can act on it: which
 * server, which address (and the settings that chose it), and why in plain words.
 */
export class ListenError extends Error {
  constructor(what: string, address: string, cause: unknown, settings?: string) {
    const chosenBy = settings ? ` (${settings})` : '';
    super(`${what} cannot listen on ${address}${chosenBy}: ${listenFailureReason(cause)}`, {
      cause,
    });
    this.name = 'ListenError';
  }
}

/** Why a listen failed, from the system error code in the error or its message. */
export function listenFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = (error as { message?: unknown } | undefined)?.message;
  const text = typeof message === 'string' ? message : String(error);
  const has = (name: string) => code === name || text.includes(name);
  if (has('EADDRINUSE')) return 'the address is in use (another process listens on it)';
  if (has('EADDRNOTAVAIL')) return 'no network interface of this host has that address';
  if (has('EACCES')) return 'permission denied (ports below 1024 need privileges)';
  return text;
}
