import { loadSettings, SettingsError, type Settings } from '@teranode-p2p/config';
import { logGrpcJsMessages } from './grpc/grpc-js-log.js';
import { serviceLogger } from './json-logger.js';
import { logProcessWarnings } from './process-warnings.js';
import { startService, type RunningService, type ServiceDefinition } from './start-service.js';
import { exitOnUnsupportedNode } from './supported-node.js';

/** sysexits.h EX_CONFIG: the process cannot start with this configuration. */
export const EXIT_BAD_SETTINGS = 78;
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * A service's `main`: read and check the settings (a bad one ends the process with one line on
 * stderr naming it), start, and stop cleanly on SIGTERM/SIGINT within a bounded time.
 */
export async function runServiceMain(definition: ServiceDefinition): Promise<void> {
  exitOnUnsupportedNode(definition.name);
  let settings: Settings;
  try {
    settings = loadSettings({ env: process.env });
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(EXIT_BAD_SETTINGS);
    }
    throw error;
  }
  const logger = serviceLogger(definition.name, settings);
  logProcessWarnings(logger);
  logGrpcJsMessages(logger);
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });

  let service: RunningService;
  try {
    service = await startService(definition, settings, logger);
  } catch (error) {
    // Settings that load but do not work (e.g. a TLS file that cannot be read) are refused alike.
    if (error instanceof SettingsError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(EXIT_BAD_SETTINGS);
    }
    logger.fatal({ err: error }, `${definition.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received: shutting down`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_GRACE_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
