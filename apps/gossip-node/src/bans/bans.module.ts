import {
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import type { ServiceBus } from '@teranode-p2p/kafka';
import { METRICS_REGISTRY, SERVICE_BUS, SETTINGS } from '@teranode-p2p/service-runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import { HostModule, LIBP2P_HOST } from '../host/host.module.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { BanGate } from './ban-gate.js';
import { BanSync } from './ban-sync.js';
import { ScoreReporter } from './score-reporter.js';

const log = new Logger('GossipNode');

/**
 * The host's ban copy kept current (loaded before the host listens, stopped before it stops)
 * and the score reports to ban-service (closed after the last P2PEvent was sent).
 */
@Module({
  imports: [HostModule],
  providers: [
    {
      provide: ScoreReporter,
      inject: [SETTINGS, METRICS_REGISTRY],
      useFactory: (settings: Settings, registry: Registry) =>
        new ScoreReporter(settings, registry, log),
    },
    {
      provide: BanSync,
      inject: [SETTINGS, BanGate, LIBP2P_HOST, SERVICE_BUS, METRICS_REGISTRY],
      useFactory: (
        settings: Settings,
        gate: BanGate,
        host: Libp2pHost,
        bus: ServiceBus,
        registry: Registry,
      ) => {
        new Gauge({
          name: 'gossip_node_bans',
          help: "Entries in this node's copy of the ban set (bound p2p_ban_max_entries)",
          registers: [registry],
          collect() {
            this.set(gate.bans.size);
          },
        });
        const badRecords = new Counter({
          name: 'gossip_node_bad_ban_records_total',
          help: 'Ban events or entries that could not be applied',
          registers: [registry],
        });
        return new BanSync(settings, gate, host, bus, badRecords, log);
      },
    },
  ],
  exports: [ScoreReporter],
})
export class BansModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly banSync: BanSync,
    private readonly scores: ScoreReporter,
  ) {}

  onModuleInit(): Promise<void> {
    return this.banSync.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.banSync.stop();
  }

  onApplicationShutdown(): void {
    this.scores.close();
  }
}
