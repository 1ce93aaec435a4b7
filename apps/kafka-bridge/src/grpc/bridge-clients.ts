import { formatHostPort, type Settings } from '@teranode-p2p/config';
import { ban_service, blockchain_api, gossip_node } from '@teranode-p2p/contracts';
import { grpcClientCredentials } from '@teranode-p2p/service-runtime';

/**
 * Reconnect quickly once a service is back: grpc-js would otherwise back off up to 120 s, longer
 * than the bridge's own retries of a record last.
 */
const CHANNEL_OPTIONS = {
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2_000,
};

/** The gRPC clients kafka-bridge needs; connections are made lazily on the first call. */
export class BridgeClients {
  readonly banService: ban_service.BanServiceClient;
  readonly gossipNode: gossip_node.GossipNodeClient;
  readonly blockchain: blockchain_api.BlockchainAPIClient;

  constructor(settings: Settings) {
    const channel = grpcClientCredentials(settings);
    this.banService = new ban_service.BanServiceClient(
      formatHostPort(settings.ban_service_grpc_address),
      channel,
      CHANNEL_OPTIONS,
    );
    this.gossipNode = new gossip_node.GossipNodeClient(
      formatHostPort(settings.p2p_grpc_address),
      channel,
      CHANNEL_OPTIONS,
    );
    this.blockchain = new blockchain_api.BlockchainAPIClient(
      formatHostPort(settings.blockchain_grpc_address),
      channel,
      CHANNEL_OPTIONS,
    );
  }

  close(): void {
    this.banService.close();
    this.gossipNode.close();
    this.blockchain.close();
  }
}
