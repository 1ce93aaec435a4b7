import { Injectable } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import type { NodeStatusMessage } from '@teranode-p2p/gossip';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { BlockchainListener } from '../chain/blockchain-listener.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { SyncCoordinatorService } from '../sync/sync-coordinator.service.js';
import { ownNodeStatus } from './own-status.js';

/** The node's own node_status as of now: what it announces and GetNodeStatus answers. */
@Injectable()
export class NodeStatusService {
  private readonly startedAtMs = Date.now();

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
    private readonly chain: BlockchainListener,
    private readonly sync: SyncCoordinatorService,
  ) {}

  current(): NodeStatusMessage {
    const connected = this.host.getPeers();
    const sync = this.sync.shownSyncPeer;
    return ownNodeStatus(
      this.settings,
      this.host.peerId.toString(),
      this.startedAtMs,
      this.chain.view,
      {
        connectedPeers: connected.length,
        syncPeer: sync && {
          ...sync,
          connected: connected.some((peer) => peer.toString() === sync.peerId),
        },
      },
    );
  }
}
