import { p2pEventsTopic, RecordDecodeError, type p2p_events } from '@teranode-p2p/contracts';
import {
  nodeStatusKey,
  notificationFromEvent,
  serializeNotification,
  type FilterableType,
} from '@teranode-p2p/notifications';
import type { FramedNotification } from '../feed/feed-hub.js';
import { textFrame } from '../feed/text-frame.js';

export type RecordOutcome =
  | {
      kind: 'notification';
      notification: FramedNotification;
      /** The node a node_status describes, kept for new clients. */
      nodeStatusKey: string | undefined;
      /** The gossip node that received the message. */
      receiverPeerId: string;
    }
  /** A valid event the feed does not show (rejected transactions, as Teranode). */
  | { kind: 'not_shown' }
  /** A copy of a message already shown (another of our gossip nodes received it too). */
  | { kind: 'duplicate'; receiverPeerId: string }
  | {
      kind: 'invalid';
      reason: 'empty_record' | 'undecodable' | 'no_payload' | 'unframeable';
      detail: string;
    };

/**
 * One p2p.events record → the WebSocket frame every client gets, built once. `firstSighting`
 * tells whether the gossip message is new; a copy of one already shown is not framed again.
 * A decoded event the feed cannot frame is an invalid outcome, not an exception: one record
 * must never hold the feed's partition (the consumer would try it again and again).
 */
export function frameRecord(
  value: Buffer | null,
  nowMs: number,
  firstSighting: (event: p2p_events.P2PEvent) => boolean = () => true,
): RecordOutcome {
  let event: p2p_events.P2PEvent;
  try {
    event = p2pEventsTopic.decode(value);
  } catch (error) {
    if (!(error instanceof RecordDecodeError)) throw error;
    const reason = error.reason === 'empty_record' ? 'empty_record' : 'undecodable';
    return { kind: 'invalid', reason, detail: error.message };
  }
  try {
    return frameEvent(event, nowMs, firstSighting);
  } catch (error) {
    return { kind: 'invalid', reason: 'unframeable', detail: String(error) };
  }
}

function frameEvent(
  event: p2p_events.P2PEvent,
  nowMs: number,
  firstSighting: (event: p2p_events.P2PEvent) => boolean,
): RecordOutcome {
  if (event.rejected_tx) return { kind: 'not_shown' };
  const message = notificationFromEvent(event, nowMs);
  if (!message) {
    return { kind: 'invalid', reason: 'no_payload', detail: 'the P2PEvent carries no payload' };
  }
  if (!firstSighting(event)) return { kind: 'duplicate', receiverPeerId: event.receiver_peer_id };
  return {
    kind: 'notification',
    notification: {
      type: message.type as FilterableType,
      frame: textFrame(serializeNotification(message)),
    },
    nodeStatusKey: nodeStatusKey(event),
    receiverPeerId: event.receiver_peer_id,
  };
}
