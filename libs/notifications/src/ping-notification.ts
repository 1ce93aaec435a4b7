import type { NotificationMessage } from './notification-message.js';
import { formatNotificationTimestamp } from './notification-timestamp.js';

/** Teranode's keepalive: `type:"PING"` with the asset URL and the node's peer ID. */
export function pingNotification(
  baseUrl: string,
  peerId: string,
  nowMs: number,
): NotificationMessage {
  return {
    timestamp: formatNotificationTimestamp(nowMs),
    type: 'PING',
    base_url: baseUrl,
    peer_id: peerId,
    best_height: 0,
  };
}
