import type { Connection, PeerId, TypedEventTarget } from '@libp2p/interface';
import { gossip_node } from '@teranode-p2p/contracts';
import { collectedGauge, resourceExhausted } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { Observable } from 'rxjs';
import { addressWithoutPeer } from './peer-view.js';

/** Open WatchPeers streams at most; more are refused. */
export const MAX_WATCH_STREAMS = 64;
/**
 * Events a stream may have waiting while its client does not read (the transport's buffer is
 * full and NestJS holds the rest); past this the stream is ended.
 */
export const MAX_UNREAD_EVENTS = 1000;

export interface PeerEventSource extends TypedEventTarget<{
  'peer:connect': CustomEvent<PeerId>;
  'peer:disconnect': CustomEvent<PeerId>;
}> {
  getConnections(peer?: PeerId): Connection[];
}

/** What of the gRPC call tells whether the client keeps up (grpc-js ServerWritableStream). */
export interface StreamCall {
  readonly writableNeedDrain: boolean;
}

/** WatchPeers: connect/disconnect events per stream, streams and unread events bounded. */
export class PeerEventStreams {
  private open = 0;

  constructor(
    private readonly host: PeerEventSource,
    registry: Registry,
  ) {
    collectedGauge(registry, () => this.open, {
      name: 'gossip_node_watch_peers_streams',
      help: `Open WatchPeers streams (bound ${MAX_WATCH_STREAMS})`,
    });
  }

  watch(call: StreamCall | undefined): Observable<gossip_node.PeerEvent> {
    if (this.open >= MAX_WATCH_STREAMS)
      throw resourceExhausted(
        `already ${this.open} WatchPeers streams open (at most ${MAX_WATCH_STREAMS})`,
      );
    return new Observable((subscriber) => {
      this.open++;
      let unread = 0;
      const emit = (kind: gossip_node.PeerEventKind, peer: PeerId, connection?: Connection) => {
        unread = call?.writableNeedDrain === true ? unread + 1 : 0;
        if (unread > MAX_UNREAD_EVENTS) {
          subscriber.error(
            resourceExhausted(`the client read none of the last ${MAX_UNREAD_EVENTS} peer events`),
          );
          return;
        }
        subscriber.next({
          kind,
          peer_id: peer.toString(),
          addr: connection ? addressWithoutPeer(connection.remoteAddr) : '',
          inbound: connection?.direction === 'inbound',
          at_ms: String(Date.now()),
        });
      };
      const onConnect = (event: CustomEvent<PeerId>) =>
        emit(
          gossip_node.PeerEventKind.PEER_EVENT_KIND_CONNECTED,
          event.detail,
          this.host.getConnections(event.detail)[0],
        );
      const onDisconnect = (event: CustomEvent<PeerId>) =>
        emit(gossip_node.PeerEventKind.PEER_EVENT_KIND_DISCONNECTED, event.detail);
      this.host.addEventListener('peer:connect', onConnect);
      this.host.addEventListener('peer:disconnect', onDisconnect);
      return () => {
        this.open--;
        this.host.removeEventListener('peer:connect', onConnect);
        this.host.removeEventListener('peer:disconnect', onDisconnect);
      };
    });
  }
}
