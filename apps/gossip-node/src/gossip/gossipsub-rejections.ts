import type { PeerId } from '@libp2p/interface';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import type { GossipMetrics } from './gossip-metrics.js';

/** Why gossipsub itself refused something, before our topic validators saw it. */
export type GossipsubRejectReason = 'too_large' | 'bad_signature';

export interface GossipsubRejectionWatch {
  kindOf(topic: string): string | undefined;
  readonly metrics: GossipMetrics;
  onProtocolViolation(peerId: string, reason: GossipsubRejectReason, detail: string): void;
}

type Pubsub = Libp2pHost['services']['pubsub'];

/**
 * A frame over gossipsub's inbound limit makes it drop the peer's stream before anything is
 * decoded, telling no one who sent it. gossipsub reports read-stream failures through this one
 * (TypeScript-private) method, its own hook for observing them.
 */
function watchOversizedFrames(pubsub: Pubsub, watch: GossipsubRejectionWatch): () => void {
  const target = pubsub as unknown as {
    handlePeerReadStreamError?: (error: Error, peerId: PeerId) => void;
  };
  const original = target.handlePeerReadStreamError;
  if (typeof original !== 'function')
    throw new Error('this gossipsub has no handlePeerReadStreamError to watch read errors with');
  target.handlePeerReadStreamError = (error, peerId) => {
    if (error?.name === 'InvalidDataLengthError') {
      watch.metrics.oversizedFrames.inc();
      watch.onProtocolViolation(peerId.toString(), 'too_large', error.message);
    }
    original.call(pubsub, error, peerId);
  };
  return () => {
    target.handlePeerReadStreamError = original;
  };
}

/**
 * Messages failing gossipsub's own checks (signature, author, sequence number) never reach our
 * validator; gossipsub tells its peer score (public on the class, not in the GossipSub
 * interface) with the peer that sent the message. Honest peers validate before forwarding, so
 * that peer is scored: each forged message costs a signature check.
 */
function watchInvalidMessages(pubsub: Pubsub, watch: GossipsubRejectionWatch): () => void {
  const { score } = pubsub as unknown as {
    score?: { rejectInvalidMessage: (from: string, topic: string) => void };
  };
  if (typeof score?.rejectInvalidMessage !== 'function')
    throw new Error('this gossipsub has no score.rejectInvalidMessage to watch invalid messages');
  const original = score.rejectInvalidMessage;
  score.rejectInvalidMessage = (from, topic) => {
    original.call(score, from, topic);
    watch.metrics.messages.inc({
      kind: watch.kindOf(topic) ?? 'unknown',
      outcome: 'reject',
      reason: 'bad_signature',
    });
    watch.onProtocolViolation(
      from,
      'bad_signature',
      `a message on ${topic} failed gossipsub's signature check`,
    );
  };
  return () => {
    score.rejectInvalidMessage = original;
  };
}

/**
 * Scores the peers behind what gossipsub rejects on its own (oversized frames, messages whose
 * signature does not verify), like the messages our validators reject. Returns the undo.
 */
export function watchGossipsubRejections(
  pubsub: Pubsub,
  watch: GossipsubRejectionWatch,
): () => void {
  const unwatchFrames = watchOversizedFrames(pubsub, watch);
  const unwatchMessages = watchInvalidMessages(pubsub, watch);
  return () => {
    unwatchMessages();
    unwatchFrames();
  };
}
