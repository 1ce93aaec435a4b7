import type { LoggerService } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import {
  lineMasker,
  MAX_LOG_DEPTH,
  redactSecretKeys,
  secretSettingValues,
} from './log-redaction.js';

/**
 * A JSON logger (one object per line) that never writes a secret: values under secret keys
 * at any depth, URL passwords, and the values of the secret settings in `settings` wherever
 * they appear (messages, errors, fields of any name).
 */
export function createJsonLogger(
  service: string,
  level: LevelWithSilent = 'info',
  destination?: DestinationStream,
  settings: Partial<Settings> = {},
): Logger {
  const redactKeys = (object: Record<string, unknown>) =>
    redactSecretKeys(object) as Record<string, unknown>;
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      depthLimit: MAX_LOG_DEPTH,
      formatters: { log: redactKeys, bindings: redactKeys },
      hooks: { streamWrite: lineMasker(secretSettingValues(settings)) },
    },
    destination ?? pino.destination(1),
  );
}

/** The logger of a service for its settings: their level, their secrets masked. */
export function serviceLogger(service: string, settings: Settings): Logger {
  return createJsonLogger(service, settings.log_level, undefined, settings);
}

/** NestJS' logger interface on top of pino: one JSON object per line. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    // Nest passes the context (class name) last, and for errors the stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack =
      level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context, stack }, String(message));
    }
  }
}
