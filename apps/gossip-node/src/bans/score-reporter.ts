import { Metadata } from '@grpc/grpc-js';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import { ban_service } from '@teranode-p2p/contracts';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { NodeLog } from '../node/node-log.js';
import { grpcClientCredentials, type GrpcTlsSettings } from '@teranode-p2p/service-runtime';

/** Most AddScore calls in flight; beyond it reports are dropped (and counted), never queued. */
export const MAX_SCORE_REPORTS_IN_FLIGHT = 64;

/** Reports misbehaving peers to ban-service (AddScore), which decides about bans, and reads scores. */
export class ScoreReporter {
  private readonly client: ban_service.BanServiceClient;
  private inFlight = 0;
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly settings: Pick<Settings, 'ban_service_grpc_address' | 'grpc_admin_api_key'> &
      GrpcTlsSettings,
    registry: Registry,
    private readonly log: NodeLog,
  ) {
    this.client = new ban_service.BanServiceClient(
      formatHostPort(settings.ban_service_grpc_address),
      grpcClientCredentials(settings),
    );
    this.outcomes = new Counter({
      name: 'gossip_node_score_reports_total',
      help: 'Ban score reports to ban-service by outcome (sent, failed, dropped)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    const inFlight = () => this.inFlight;
    new Gauge({
      name: 'gossip_node_score_reports_in_flight',
      help: `AddScore calls waiting for ban-service (bound ${MAX_SCORE_REPORTS_IN_FLIGHT})`,
      registers: [registry],
      collect() {
        this.set(inFlight());
      },
    });
  }

  report(peerId: string, reason: string): void {
    if (this.inFlight >= MAX_SCORE_REPORTS_IN_FLIGHT) {
      this.outcomes.inc({ outcome: 'dropped' });
      return;
    }
    this.inFlight++;
    const metadata = new Metadata();
    if (this.settings.grpc_admin_api_key)
      metadata.set('x-api-key', this.settings.grpc_admin_api_key);
    this.client.addScore(
      { peer_id: peerId, reason },
      metadata,
      { deadline: Date.now() + 5000 },
      (error) => {
        this.inFlight--;
        this.outcomes.inc({ outcome: error ? 'failed' : 'sent' });
        if (error)
          this.log.warn(`reporting ${reason} by ${peerId} to ban-service failed: ${error.details}`);
      },
    );
  }

  /** The peer's current score at ban-service, or 0 when ban-service does not answer in time. */
  score(peerId: string, timeoutMs = 1000): Promise<number> {
    return new Promise((resolve) =>
      this.client.getScore(
        { peer_id: peerId },
        new Metadata(),
        { deadline: Date.now() + timeoutMs },
        (error, response) => resolve(error ? 0 : response.score),
      ),
    );
  }

  close(): void {
    this.client.close();
  }
}
