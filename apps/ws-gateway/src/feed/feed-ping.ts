import { pingNotification, serializeNotification } from '@teranode-p2p/notifications';
import { textFrame } from './text-frame.js';

/**
 * Teranode's application-level keepalive. base_url is the node's asset URL; peer_id is the
 * gossip node's ID, learnt from the events it forwards (empty until the first one arrives).
 */
export class FeedPing {
  private nodePeerId = '';

  constructor(private readonly baseUrl: string) {}

  get peerId(): string {
    return this.nodePeerId;
  }

  rememberNode(peerId: string): void {
    if (peerId !== '') this.nodePeerId = peerId;
  }

  frame(nowMs: number): Buffer {
    return textFrame(serializeNotification(pingNotification(this.baseUrl, this.nodePeerId, nowMs)));
  }
}
