import { blockchain_api, Empty } from '@teranode-p2p/contracts';
import type { LoggerService } from '@nestjs/common';
import { unaryCall, type CallSettings } from '@teranode-p2p/service-runtime';

/** How long one answer of the blockchain service is trusted: a batch of records asks once. */
const FSM_STATE_CACHE_MS = 1_000;

const SYNCING = new Set([
  blockchain_api.FSMStateType.CATCHINGBLOCKS,
  blockchain_api.FSMStateType.LEGACYSYNCING,
]);

/**
 * Whether the node's blockchain FSM is syncing (reference §1.8: CATCHINGBLOCKS or
 * LEGACYSYNCING). When the blockchain service cannot answer, the node counts as not syncing,
 * as in the reference, so reports are not lost to an outage.
 */
export class SyncState {
  private cached?: { syncing: boolean; until: number };

  constructor(
    private readonly client: blockchain_api.BlockchainAPIClient,
    private readonly call: CallSettings,
    private readonly logger: LoggerService,
    private readonly onFailure: () => void,
  ) {}

  async isSyncing(): Promise<boolean> {
    const now = Date.now();
    if (this.cached && this.cached.until > now) return this.cached.syncing;
    let syncing = false;
    try {
      // One attempt: a failure already has its answer (not syncing), and retrying would hold
      // the partition's records for up to kafka_bridge_grpc_timeout while the service is down.
      const response = await unaryCall<Empty, blockchain_api.GetFSMStateResponse>(
        'blockchain',
        this.client.getFsmCurrentState.bind(this.client),
        {},
        { ...this.call, retry: { ...this.call.retry, grpc_max_retries: 0 } },
      );
      syncing = SYNCING.has(response.state);
    } catch (error) {
      this.onFailure();
      this.logger.warn({
        msg: `blockchain FSM state unknown (${(error as Error).message}): treating the node as not syncing`,
      });
    }
    this.cached = { syncing, until: now + FSM_STATE_CACHE_MS };
    return syncing;
  }
}
