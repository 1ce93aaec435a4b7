import type { Server } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';

/** Longest a shutdown waits for gRPC calls in progress; streams that stay open are then cut. */
export const GRPC_DRAIN_MS = 3000;

/**
 * Stops the app's gRPC servers taking new calls and waits (bounded) for the calls in progress
 * to be answered. Runs before Nest's shutdown hooks, which close databases and clients those
 * calls may still be using; Nest's own close of the servers afterwards is then a no-op.
 */
export async function drainGrpcServers(
  app: INestApplication,
  timeoutMs = GRPC_DRAIN_MS,
): Promise<void> {
  const servers = app.getMicroservices().map(grpcServerOf);
  await Promise.all(servers.map((server) => server && drain(server, timeoutMs)));
}

/** Nest's gRPC transport keeps its grpc-js Server to itself (its unwrap() throws). */
function grpcServerOf(microservice: unknown): Server | undefined {
  return (
    (microservice as { serverInstance?: { grpcClient?: Server | null } }).serverInstance
      ?.grpcClient ?? undefined
  );
}

function drain(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, timeoutMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
