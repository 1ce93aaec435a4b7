import type { P2pEventPublisherHooks } from './p2p-event-publisher.js';
import type { NodeLog } from '../node/node-log.js';

/**
 * What the node does when its P2PEvents cannot go out: a failed send is logged (it is tried
 * again); an event the bus refuses is dropped and logged naming the peer and message, and a
 * peer whose message made an event too large for the topic is scored — no Teranode message
 * comes near Kafka's limit, so it was sent to choke the pipeline.
 */
export function p2pEventHooks(
  topic: string,
  self: string,
  scores: { report(peerId: string, reason: string): void },
  log: NodeLog,
): P2pEventPublisherHooks {
  return {
    onSendFailed: (error, retryInMs) =>
      log.warn(
        `sending P2PEvents to ${topic} failed, trying again in ${retryInMs} ms: ${error.message}`,
      ),
    onRefused: (refusal, origin) => {
      const from = origin ? `message ${origin.messageId} from ${origin.peerId}` : 'an event';
      log.warn(
        `dropped ${from}: ${topic} refused its P2PEvent (${refusal.reason}): ${refusal.detail}`,
      );
      if (origin && origin.peerId !== self && refusal.reason === 'too_large')
        scores.report(origin.peerId, 'protocol_violation');
    },
  };
}
