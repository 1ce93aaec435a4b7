import type { Settings } from '@teranode-p2p/config';
import { ban_service, blockchain_api, gossip_node } from '@teranode-p2p/contracts';
import { grpcClient } from '@teranode-p2p/service-runtime';

/** The gRPC clients kafka-bridge needs; connections are made lazily on the first call. */
export class BridgeClients {
  readonly banService: ban_service.BanServiceClient;
  readonly gossipNode: gossip_node.GossipNodeClient;
  readonly blockchain: blockchain_api.BlockchainAPIClient;

  constructor(settings: Settings) {
    this.banService = grpcClient(
      ban_service.BanServiceClient,
      settings.ban_service_grpc_address,
      settings,
    );
    this.gossipNode = grpcClient(gossip_node.GossipNodeClient, settings.p2p_grpc_address, settings);
    this.blockchain = grpcClient(
      blockchain_api.BlockchainAPIClient,
      settings.blockchain_grpc_address,
      settings,
    );
  }

  close(): void {
    this.banService.close();
    this.gossipNode.close();
    this.blockchain.close();
  }
}
