import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import {
  grpcClientCredentials,
  grpcReachableCheck,
  InjectBus,
  InjectSettings,
  messageBusCheck,
  NotReadyError,
  ReadinessRegistry,
} from '@teranode-p2p/service-runtime';
import type { ServiceBus } from '@teranode-p2p/kafka';
import { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';

/**
 * What gossip-node needs to do its job, for /health/readiness: the bus (events out, bans in),
 * P2PEvents that keep moving to it, a started libp2p host with listen addresses and at least
 * p2p_min_peers connected peers, ban-service and the blockchain service. The libp2p and
 * P2PEvent checks are the node's own conditions: they leave the grpc.health.v1 status (what
 * kafka-bridge checks) SERVING, since the gRPC API works without them.
 */
@Injectable()
export class NodeReadiness implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly banService;
  private readonly blockchain;
  private readonly minPeers: number;

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @InjectBus() private readonly bus: ServiceBus,
    @Inject(P2pEventPublisher) private readonly events: P2pEventPublisher,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @InjectSettings() settings: Settings,
  ) {
    this.minPeers = settings.p2p_min_peers;
    const channel = grpcClientCredentials(settings);
    this.banService = grpcReachableCheck(
      formatHostPort(settings.ban_service_grpc_address),
      channel,
    );
    this.blockchain = grpcReachableCheck(formatHostPort(settings.blockchain_grpc_address), channel);
  }

  onApplicationBootstrap(): void {
    this.readiness.register('kafka', messageBusCheck(this.bus));
    this.readiness.register('p2p-events', this.events.progress.check, {
      grpcServing: false,
    });
    this.readiness.register('libp2p', async () => this.libp2p(), { grpcServing: false });
    this.readiness.register('ban-service', this.banService);
    this.readiness.register('blockchain', this.blockchain);
  }

  /** Started, listening, and with at least p2p_min_peers connected peers. */
  private libp2p(): Record<string, unknown> {
    const host = this.host;
    if (host.status !== 'started') throw new Error(`libp2p host is ${host.status}`);
    const addresses = host.getMultiaddrs().map(String);
    if (addresses.length === 0) throw new Error('libp2p host listens nowhere');
    const state = {
      peerId: host.peerId.toString(),
      addresses,
      peers: host.getPeers().length,
      minPeers: this.minPeers,
    };
    if (state.peers < this.minPeers) {
      throw new NotReadyError(
        `${state.peers} connected peers, fewer than p2p_min_peers (${this.minPeers})`,
        state,
      );
    }
    return state;
  }

  onModuleDestroy(): void {
    for (const name of ['kafka', 'p2p-events', 'libp2p', 'ban-service', 'blockchain'])
      this.readiness.unregister(name);
    this.banService.close();
    this.blockchain.close();
  }
}
