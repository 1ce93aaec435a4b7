import { Injectable } from '@nestjs/common';

/** Throws (or rejects) when the dependency is not usable; may return details to show. */
export type ReadinessCheck = (options: {
  signal: AbortSignal;
}) => Promise<Record<string, unknown> | void>;

const MAX_CHECKS = 32;

/**
 * The dependencies a service needs to do its work (database, Kafka, gRPC peers, listening
 * sockets...). Modules register a check when they set up a dependency; readiness runs them.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (!this.checks.has(name) && this.checks.size >= MAX_CHECKS) {
      throw new Error(`too many readiness checks (limit ${MAX_CHECKS}); cannot add ${name}`);
    }
    this.checks.set(name, check);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks.entries()];
  }
}
