import { redactUrlPassword } from '@teranode-p2p/config';

/**
 * The database could not be opened or brought up to date at start, said so an operator can act
 * on it: which database (password hidden), which setting chose it, and why in plain words.
 */
export class DatabaseStartError extends Error {
  constructor(step: 'open' | 'migrate', url: string, embedded: boolean, cause: unknown) {
    const where = `the database at ${redactUrlPassword(url)} (${embedded ? 'embedded, DATABASE_URL unset' : 'DATABASE_URL'})`;
    const what = step === 'open' ? `${where} cannot be opened` : `migrating ${where} failed`;
    super(`${what}: ${databaseFailureReason(cause)}`, { cause });
    this.name = 'DatabaseStartError';
  }
}

function databaseFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = (error as { message?: unknown } | undefined)?.message;
  const text = typeof message === 'string' ? message : String(error);
  if (code === 'ECONNREFUSED') return `nothing listens there, is PostgreSQL running? (${text})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `its host name does not resolve (${text})`;
  return text;
}
