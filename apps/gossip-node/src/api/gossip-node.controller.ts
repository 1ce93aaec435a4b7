import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { gossip_node, type p2p_events } from '@teranode-p2p/contracts';
import { toSyncPeerAnswer } from '@teranode-p2p/peer-registry';
import { InjectMetrics, invalidArgument } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import type { Observable } from 'rxjs';
import { nodeStatusToProto } from '../gossip/to-p2p-event.js';
import { GossipPublisher, PublishTooLargeError } from '../gossip/outbound-gossip.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { NodeStatusService } from '../node/node-status.service.js';
import { SyncCoordinatorService } from '../sync/sync-coordinator.service.js';
import { PeerEventStreams, type StreamCall } from './peer-event-streams.js';
import { toOutboundGossip } from './publish-request.js';

/**
 * The node's API for the product's own services (proto/gossip_node.proto). Publish is not
 * admin-only: kafka-bridge calls it for every rejected transaction; keep the port internal.
 */
@Controller()
export class GossipNodeController {
  private readonly streams: PeerEventStreams;

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(GossipPublisher) private readonly publisher: GossipPublisher,
    @Inject(NodeStatusService) private readonly status: NodeStatusService,
    @Inject(SyncCoordinatorService) private readonly sync: SyncCoordinatorService,
    @InjectMetrics() registry: Registry,
  ) {
    this.streams = new PeerEventStreams(host, registry);
  }

  @GrpcMethod('GossipNode', 'Publish')
  async publish(request: gossip_node.PublishRequest): Promise<gossip_node.PublishResponse> {
    const gossip = toOutboundGossip(request, this.host.peerId.toString());
    try {
      return await this.publisher.publish(gossip);
    } catch (error) {
      if (error instanceof PublishTooLargeError) throw invalidArgument(error.message);
      throw error;
    }
  }

  @GrpcMethod('GossipNode', 'WatchPeers')
  watchPeers(
    _request: unknown,
    _metadata: unknown,
    call?: StreamCall,
  ): Observable<gossip_node.PeerEvent> {
    return this.streams.watch(call);
  }

  @GrpcMethod('GossipNode', 'GetSyncPeer')
  getSyncPeer(): gossip_node.SyncPeerAnswer {
    return toSyncPeerAnswer(this.sync.syncPeer, this.sync.lastSelection);
  }

  @GrpcMethod('GossipNode', 'GetNodeStatus')
  getNodeStatus(): p2p_events.NodeStatus {
    return nodeStatusToProto(this.status.current());
  }
}
