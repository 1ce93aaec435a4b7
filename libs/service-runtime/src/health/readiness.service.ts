import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessRegistry } from './readiness-registry.js';

export const READINESS_CHECK_TIMEOUT_MS = 2000;

/** Runs every registered readiness check, each bounded in time; throws 503 when one fails. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  check() {
    return this.health.check(
      this.registry.entries().map(
        ([name, check]) =>
          () =>
            this.indicator.check(name).attempt(check).withTimeout(READINESS_CHECK_TIMEOUT_MS),
      ),
    );
  }
}
