import { Injectable } from '@nestjs/common';

/** Throws (or rejects) when the dependency is not usable; may return details to show. */
export type ReadinessCheck = (options: {
  signal: AbortSignal;
}) => Promise<Record<string, unknown> | void>;

/** A check's failure with details to show next to its message in the readiness JSON. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ReadinessOptions {
  /**
   * False for a condition of the service itself that its gRPC callers need not care about
   * (gossip-node's peer count): it fails /health/readiness but not the grpc.health.v1 status.
   */
  grpcServing?: boolean;
}

const MAX_CHECKS = 32;

/**
 * The dependencies a service needs to do its work (database, Kafka, gRPC peers, listening
 * sockets...). Modules register a check when they set up a dependency; readiness runs them.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; grpcServing: boolean }>();

  register(name: string, check: ReadinessCheck, options: ReadinessOptions = {}): void {
    if (!this.checks.has(name) && this.checks.size >= MAX_CHECKS) {
      throw new Error(`too many readiness checks (limit ${MAX_CHECKS}); cannot add ${name}`);
    }
    this.checks.set(name, { check, grpcServing: options.grpcServing ?? true });
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  /** Every check, or only those that decide the grpc.health.v1 status. */
  entries(only?: 'grpc-serving'): [string, ReadinessCheck][] {
    return [...this.checks.entries()]
      .filter(([, entry]) => only === undefined || entry.grpcServing)
      .map(([name, entry]) => [name, entry.check]);
  }
}
