import type { Logger } from 'pino';

/**
 * Node's process warnings as the service's own JSON log lines instead of Node's plain-text
 * lines on stderr, which log collectors cannot parse. Node prints them through a `warning`
 * listener of its own; that listener is replaced.
 */
export function logProcessWarnings(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const fields = {
      warning: { name: warning.name, message: warning.message, stack: warning.stack },
    };
    logger.warn(fields, `${warning.name}: ${warning.message}`);
  });
}
