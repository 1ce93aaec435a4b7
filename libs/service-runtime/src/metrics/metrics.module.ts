import {
  Controller,
  Get,
  Global,
  Header,
  Inject,
  Module,
  type DynamicModule,
} from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { replaceEventLoopDelayGauges } from './event-loop-delay-gauges.js';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** The service's Prometheus registry: `@InjectMetrics() registry: Registry`, then `registers: [registry]`. */
export const InjectMetrics = (): ParameterDecorator => Inject(METRICS_REGISTRY);

@Controller()
class MetricsController {
  constructor(@InjectMetrics() private readonly registry: Registry) {}

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * How often the event loop's delay is sampled (prom-client's default is 10 ms). Each sample is
 * a timer that wakes the process: at 10 ms that was a third of an idle gossip-node's CPU. Lag
 * longer than this is still measured exactly; shorter stalls between samples go unseen.
 */
export const EVENT_LOOP_LAG_SAMPLE_MS = 100;
/** prom-client's own delay sampler, replaced by ours: a period long enough never to wake us. */
const PROM_CLIENT_SAMPLER_IDLE_MS = 2 ** 31 - 1;

/**
 * One registry per service (not prom-client's global one), so services composed into one
 * process keep their metrics apart; default process metrics included. Serves GET /metrics.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({
      register: registry,
      eventLoopMonitoringPrecision: PROM_CLIENT_SAMPLER_IDLE_MS,
    });
    replaceEventLoopDelayGauges(registry, EVENT_LOOP_LAG_SAMPLE_MS);
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_REGISTRY, useValue: registry }],
      exports: [METRICS_REGISTRY],
    };
  }
}
