import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Connection, PeerId } from '@libp2p/interface';
import { gossip_node, type p2p_events } from '@teranode-p2p/contracts';
import { invalidArgument } from '@teranode-p2p/service-runtime';
import { Observable } from 'rxjs';
import { PublishTooLargeError } from '../gossip/outbound-gossip.js';
import { nodeStatusToProto } from '../gossip/to-p2p-event.js';
import { GossipNode } from '../node/gossip-node.js';
import { addressWithoutPeer } from './peer-view.js';
import { toOutboundGossip } from './publish-request.js';

/**
 * The node's API for the product's own services (proto/gossip_node.proto). Publish is not
 * admin-only: kafka-bridge calls it for every rejected transaction; keep the port internal.
 */
@Controller()
export class GossipNodeController {
  constructor(@Inject(GossipNode) private readonly node: GossipNode) {}

  @GrpcMethod('GossipNode', 'Publish')
  async publish(request: gossip_node.PublishRequest): Promise<gossip_node.PublishResponse> {
    const gossip = toOutboundGossip(request, this.node.peerId);
    try {
      return await this.node.publisher.publish(gossip);
    } catch (error) {
      if (error instanceof PublishTooLargeError) throw invalidArgument(error.message);
      throw error;
    }
  }

  @GrpcMethod('GossipNode', 'WatchPeers')
  watchPeers(): Observable<gossip_node.PeerEvent> {
    const host = this.node.host;
    return new Observable((subscriber) => {
      const emit = (kind: gossip_node.PeerEventKind, peer: PeerId, connection?: Connection) =>
        subscriber.next({
          kind,
          peer_id: peer.toString(),
          addr: connection ? addressWithoutPeer(connection.remoteAddr) : '',
          inbound: connection?.direction === 'inbound',
          at_ms: Date.now(),
        });
      const onConnect = (event: CustomEvent<PeerId>) =>
        emit(
          gossip_node.PeerEventKind.PEER_EVENT_KIND_CONNECTED,
          event.detail,
          host.getConnections(event.detail)[0],
        );
      const onDisconnect = (event: CustomEvent<PeerId>) =>
        emit(gossip_node.PeerEventKind.PEER_EVENT_KIND_DISCONNECTED, event.detail);
      host.addEventListener('peer:connect', onConnect);
      host.addEventListener('peer:disconnect', onDisconnect);
      return () => {
        host.removeEventListener('peer:connect', onConnect);
        host.removeEventListener('peer:disconnect', onDisconnect);
      };
    });
  }

  @GrpcMethod('GossipNode', 'GetNodeStatus')
  getNodeStatus(): p2p_events.NodeStatus {
    return nodeStatusToProto(this.node.status());
  }
}
