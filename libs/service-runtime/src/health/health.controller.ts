import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Controller, Get, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessService } from './readiness.service.js';

/** Beyond this the process is too busy to be called alive. */
const EVENT_LOOP_DELAY_LIMIT_MS = 5000;
/**
 * The delay monitor's timer period. A stall delays the tick due during it by at least its
 * length minus this period, so 250 ms sees every stall near the 5 s limit while waking the
 * process 4 times a second instead of 50.
 */
const EVENT_LOOP_DELAY_SAMPLE_MS = 250;

/**
 * Liveness: the process and its event loop answer (no dependency checks, so a database outage
 * never gets the pod restarted). Readiness: every registered dependency answers; 503 with a
 * JSON body naming each one that does not.
 */
@Controller('health')
export class HealthController implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loopDelay = monitorEventLoopDelay({ resolution: EVENT_LOOP_DELAY_SAMPLE_MS });

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readinessService: ReadinessService,
  ) {
    this.loopDelay.enable();
  }

  /** Starting (e.g. the embedded database) may block the loop for seconds: that is not a hang. */
  onApplicationBootstrap(): void {
    this.loopDelay.reset();
  }

  onModuleDestroy(): void {
    this.loopDelay.disable();
  }

  @Get('liveness')
  @HealthCheck()
  liveness() {
    return this.health.check([
      () => {
        // The histogram records the time between its ticks: an idle loop reads one period.
        const maxDelayMs = Math.max(
          0,
          Math.round(this.loopDelay.max / 1e6) - EVENT_LOOP_DELAY_SAMPLE_MS,
        );
        this.loopDelay.reset();
        const check = this.indicator.check('event_loop');
        return maxDelayMs > EVENT_LOOP_DELAY_LIMIT_MS
          ? check.down({ max_delay_ms: maxDelayMs })
          : check.up({ max_delay_ms: maxDelayMs });
      },
    ]);
  }

  @Get('readiness')
  @HealthCheck()
  readiness() {
    return this.readinessService.check();
  }
}
