import { credentials, Metadata, status, type ChannelCredentials } from '@grpc/grpc-js';
import { grpc_health } from '@teranode-p2p/contracts';
import type { MessageBus } from '@teranode-p2p/kafka';
import type { DataSource } from 'typeorm';
import { withoutEmptyParts } from '../grpc/grpc-client.js';
import { NotReadyError, type ReadinessCheck } from './readiness-registry.js';

/** The database answers a query. */
export function databaseCheck(dataSource: DataSource): ReadinessCheck {
  return async () => {
    await dataSource.query('SELECT 1');
  };
}

/**
 * The message bus reaches a broker (always true for the in-process bus) and each of its
 * consumers moves (see BusConsumer.failure).
 */
export function messageBusCheck(bus: MessageBus): ReadinessCheck {
  return async () => {
    await bus.checkConnection();
    const consumerFailures = bus.consumerFailures();
    if (consumerFailures.length > 0)
      throw new NotReadyError(consumerFailures.join('; '), { kind: bus.kind, consumerFailures });
    return { kind: bus.kind };
  };
}

const {
  HealthCheckResponse_ServingStatus: ServingStatus,
  healthCheckResponse_ServingStatusToJSON,
} = grpc_health;

/**
 * The gRPC server at `address` is up: grpc.health.v1 Check (the whole server, service "")
 * answers SERVING. NOT_SERVING (e.g. one of our services whose own readiness fails) or any
 * other status counts as down, as do UNAVAILABLE and no answer in time. A server without
 * grpc.health.v1 (UNIMPLEMENTED; Teranode's blockchain service may not serve it) or that
 * refuses the call otherwise has answered, so it counts as up: reachable is all we can know.
 * The client lives as long as the process; `close` it on shutdown.
 */
export function grpcReachableCheck(
  address: string,
  channel: ChannelCredentials = credentials.createInsecure(),
): ReadinessCheck & { close(): void } {
  const client = new grpc_health.HealthClient(address, channel);
  const probe: ReadinessCheck = ({ signal }) =>
    new Promise((resolve, reject) => {
      const call = client.check(
        { service: '' },
        new Metadata(),
        { deadline: new Date(Date.now() + 1900) },
        (error, response) => {
          if (!error) {
            const served = healthCheckResponse_ServingStatusToJSON(response.status);
            if (response.status === ServingStatus.SERVING) resolve({ address, grpcHealth: served });
            else reject(new Error(`gRPC server at ${address} reports ${served}`));
          } else if (NO_SERVER.has(error.code)) {
            const details = withoutEmptyParts(error.details || error.message);
            reject(new Error(`no gRPC server at ${address}: ${details}`));
          } else {
            resolve({ address, grpcHealth: `not served (${status[error.code]})` });
          }
        },
      );
      signal.addEventListener('abort', () => call.cancel());
    });
  return Object.assign(probe, { close: () => client.close() });
}

const NO_SERVER = new Set([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED]);
