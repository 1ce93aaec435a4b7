import { Client, credentials, Metadata, status } from '@grpc/grpc-js';
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

/**
 * A gRPC server answers at `address`, whatever services it serves: a health-check call that
 * gets any answer (even UNIMPLEMENTED, from a server without grpc.health.v1) counts as up;
 * UNAVAILABLE or no answer in time counts as down. Works for this product's services and for
 * Teranode's. The client lives as long as the process; `close` it on shutdown.
 */
export function grpcReachableCheck(address: string): ReadinessCheck & { close(): void } {
  const client = new Client(address, credentials.createInsecure());
  const probe: ReadinessCheck = ({ signal }) =>
    new Promise((resolve, reject) => {
      const call = client.makeUnaryRequest(
        '/grpc.health.v1.Health/Check',
        (request: Buffer) => request,
        (response: Buffer) => response,
        Buffer.alloc(0),
        new Metadata(),
        { deadline: new Date(Date.now() + 1900) },
        (error) => {
          if (
            error &&
            (error.code === status.UNAVAILABLE || error.code === status.DEADLINE_EXCEEDED)
          ) {
            reject(new Error(`no gRPC server at ${address}: ${error.details || error.message}`));
          } else {
            resolve({ address });
          }
        },
      );
      signal.addEventListener('abort', () => call.cancel());
    });
  return Object.assign(probe, { close: () => client.close() });
}
