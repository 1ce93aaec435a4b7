import { ban_service } from '@teranode-p2p/contracts';
import { unaryCall, type CallSettings } from '@teranode-p2p/service-runtime';

/** Ban-score reasons kafka-bridge reports (teranode-contracts.md: 10 points each). */
export type ScoreReason = 'invalid_block' | 'invalid_subtree';

/** Adds ban score on ban-service. */
export class BanScorer {
  constructor(
    private readonly client: ban_service.BanServiceClient,
    private readonly call: CallSettings,
  ) {}

  addScore(peerId: string, reason: ScoreReason): Promise<ban_service.PeerScore> {
    return unaryCall<ban_service.AddScoreRequest, ban_service.PeerScore>(
      'ban-service',
      this.client.addScore.bind(this.client),
      { peer_id: peerId, reason },
      this.call,
    );
  }
}
