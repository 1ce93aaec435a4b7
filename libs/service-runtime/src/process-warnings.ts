import type { Logger } from 'pino';

/**
 * kafkajs 2.2.4 schedules a timer at a negative delay when it connects; Node 24 warns, then
 * runs it after 1 ms (kafkajs issue #1751). Known and harmless, so not worth an operator's look.
 */
function isKafkajsNegativeTimer(warning: Error): boolean {
  return (
    warning.name === 'TimeoutNegativeWarning' &&
    (warning.stack ?? '').includes('kafkajs/src/network/requestQueue')
  );
}

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
    if (isKafkajsNegativeTimer(warning))
      logger.debug(fields, `${warning.name} from kafkajs (harmless)`);
    else logger.warn(fields, `${warning.name}: ${warning.message}`);
  });
}
