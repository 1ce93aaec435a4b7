import { gossip_node } from '@teranode-p2p/contracts';
import { unaryCall, type CallSettings } from '@teranode-p2p/service-runtime';

/** Asks gossip-node to gossip a transaction this node rejected. */
export class RejectedTxPublisher {
  constructor(
    private readonly client: gossip_node.GossipNodeClient,
    private readonly call: CallSettings,
  ) {}

  /** peer_id is left empty: gossip-node fills in its own ID, the only one it may sign for. */
  publish(txId: string, reason: string): Promise<gossip_node.PublishResponse> {
    return unaryCall<gossip_node.PublishRequest, gossip_node.PublishResponse>(
      'gossip-node',
      this.client.publish.bind(this.client),
      { rejected_tx: { tx_id: txId, reason, peer_id: '' } },
      this.call,
    );
  }
}
