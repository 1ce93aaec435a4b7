import { Injectable, Logger } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { ban_service } from '@teranode-p2p/contracts';
import {
  collectedGauge,
  type GrpcCallError,
  grpcClient,
  type GrpcClientSettings,
  InjectMetrics,
  InjectSettings,
  unaryCall,
} from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';

/** Most AddScore calls in flight; beyond it reports are dropped (and counted), never queued. */
export const MAX_SCORE_REPORTS_IN_FLIGHT = 64;

/**
 * Reports misbehaving peers to ban-service (AddScore), which decides about bans, and reads
 * scores; closed after the node's last P2PEvent was sent (a refused one may be reported).
 */
@Injectable()
export class ScoreReporter {
  private readonly client: ban_service.BanServiceClient;
  private inFlight = 0;
  private readonly outcomes: Counter<'outcome'>;
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectSettings()
    private readonly settings: Pick<Settings, 'ban_service_grpc_address' | 'grpc_admin_api_key'> &
      GrpcClientSettings,
    @InjectMetrics() registry: Registry,
  ) {
    this.client = grpcClient(
      ban_service.BanServiceClient,
      settings.ban_service_grpc_address,
      settings,
    );
    this.outcomes = new Counter({
      name: 'gossip_node_score_reports_total',
      help: 'Ban score reports to ban-service by outcome (sent, failed, dropped)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    collectedGauge(registry, () => this.inFlight, {
      name: 'gossip_node_score_reports_in_flight',
      help: `AddScore calls waiting for ban-service (bound ${MAX_SCORE_REPORTS_IN_FLIGHT})`,
    });
  }

  report(peerId: string, reason: string): void {
    if (this.inFlight >= MAX_SCORE_REPORTS_IN_FLIGHT) {
      this.outcomes.inc({ outcome: 'dropped' });
      return;
    }
    this.inFlight++;
    unaryCall(
      'ban-service',
      this.client.addScore.bind(this.client),
      { peer_id: peerId, reason },
      {
        timeoutMs: 5000,
        apiKey: this.settings.grpc_admin_api_key,
        retry: this.settings,
        client: this.client,
      },
    ).then(
      () => this.reported('sent'),
      (error: GrpcCallError) => {
        this.reported('failed');
        this.log.warn(`reporting ${reason} by ${peerId} to ban-service failed: ${error.details}`);
      },
    );
  }

  private reported(outcome: 'sent' | 'failed'): void {
    this.inFlight--;
    this.outcomes.inc({ outcome });
  }

  /** The peer's current score at ban-service, or 0 when ban-service does not answer in time. */
  score(peerId: string, timeoutMs = 1000): Promise<number> {
    return unaryCall(
      'ban-service',
      this.client.getScore.bind(this.client),
      { peer_id: peerId },
      { timeoutMs, retry: this.settings, idempotent: true, client: this.client },
    ).then(
      (response) => response.score,
      () => 0,
    );
  }

  onApplicationShutdown(): void {
    this.client.close();
  }
}
