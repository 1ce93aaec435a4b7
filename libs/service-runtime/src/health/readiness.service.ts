import { Injectable } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { NotReadyError, ReadinessRegistry, type ReadinessCheck } from './readiness-registry.js';

export const READINESS_CHECK_TIMEOUT_MS = 2000;

/** Runs every registered readiness check, each bounded in time; throws 503 when one fails. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  check(only?: 'grpc-serving') {
    return this.health.check(
      this.registry.entries(only).map(
        ([name, check]) =>
          () =>
            this.run(name, check),
      ),
    );
  }

  private async run(name: string, check: ReadinessCheck): Promise<HealthIndicatorResult> {
    let details: Record<string, unknown> | undefined;
    const result = await this.indicator
      .check(name)
      .attempt(async (options) => {
        try {
          return await check(options);
        } catch (error) {
          if (error instanceof NotReadyError) details = error.details;
          throw error;
        }
      })
      .withTimeout(READINESS_CHECK_TIMEOUT_MS);
    // terminus keeps only the message of a failure; the details go next to it.
    if (details) result[name] = { ...details, ...result[name]! };
    return result;
  }
}
