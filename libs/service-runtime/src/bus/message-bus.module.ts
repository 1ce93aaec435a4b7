import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { openServiceBus, type ServiceBus } from '@teranode-p2p/kafka';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics.module.js';
import { SETTINGS } from '../settings.module.js';

export const SERVICE_BUS = Symbol('SERVICE_BUS');

/** Injects the service's bus: `constructor(@InjectBus() bus: ServiceBus)`. */
export const InjectBus = (): ParameterDecorator => Inject(SERVICE_BUS);

/** Closes what the service owns of the bus once every provider has shut down. */
@Injectable()
class ServiceBusCloser implements OnApplicationShutdown {
  constructor(@InjectBus() private readonly bus: ServiceBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

/**
 * The service's message bus (openServiceBus): its Kafka clients with client ID
 * `<KAFKA_CLIENT_ID>-<service>` (owned), or the process's in-process bus (borrowed, shared
 * with the other services of the process); consumers report to `<service>_kafka_consumer_lag`.
 * Global, so its shutdown hook runs after those of the service's own modules: their
 * consumers and producers stop first, then the bus closes what the service owns.
 */
@Global()
@Module({})
export class MessageBusModule {
  static forService(service: string): DynamicModule {
    const busLog = new Logger('MessageBus');
    const bus: FactoryProvider<ServiceBus> = {
      provide: SERVICE_BUS,
      inject: [SETTINGS, METRICS_REGISTRY],
      useFactory: (settings: Settings, registry: Registry) =>
        openServiceBus({
          service,
          brokers: settings.KAFKA_BROKERS ?? [],
          clientIdPrefix: settings.KAFKA_CLIENT_ID,
          registry,
          warn: (message) => busLog.warn(message),
        }),
    };
    return { module: MessageBusModule, providers: [bus, ServiceBusCloser], exports: [bus.provide] };
  }
}
