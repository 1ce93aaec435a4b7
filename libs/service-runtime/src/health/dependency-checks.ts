import type { MessageBus } from '@teranode-p2p/kafka';
import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from './readiness-registry.js';

/** The database answers a query. */
export function databaseCheck(dataSource: DataSource): ReadinessCheck {
  return async () => {
    await dataSource.query('SELECT 1');
  };
}

/** The message bus reaches a broker (always true for the in-process bus). */
export function messageBusCheck(bus: MessageBus): ReadinessCheck {
  return async () => {
    await bus.checkConnection();
    return { kind: bus.kind };
  };
}
