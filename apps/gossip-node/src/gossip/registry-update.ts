import type { AcceptedGossip, PeerUpdate } from '@teranode-p2p/gossip';

/**
 * What an accepted message tells about its author (reference-service.md §2.4–2.7, §2.9). A
 * message whose processing is skipped (a low-reputation sender) tells only that it was heard.
 */
export function registryUpdateFor(
  gossip: AcceptedGossip,
  now: number,
  skipProcessing = false,
): PeerUpdate {
  const update: PeerUpdate = { lastMessageAt: now };
  if (skipProcessing) return update;
  const nonEmpty = (text: string) => (text === '' ? undefined : text);
  const positive = (height: number) => (height > 0 ? height : undefined);
  switch (gossip.kind) {
    case 'block':
      return { ...update, blockHash: gossip.hash, height: positive(gossip.message.height) };
    case 'miningOn':
      return {
        ...update,
        height: positive(gossip.message.height),
        dataHubUrl: nonEmpty(gossip.message.dataHubUrl),
      };
    case 'nodeStatus':
      return {
        ...update,
        height: positive(gossip.message.bestHeight),
        blockHash: nonEmpty(gossip.message.bestBlockHash),
        dataHubUrl: nonEmpty(gossip.message.baseUrl),
        clientName: nonEmpty(gossip.message.clientName),
      };
    // A handshake says who the peer is only if it is of our network: Handshake.receive checks
    // topicPrefix and records it.
    case 'handshake':
      return update;
    default:
      return update;
  }
}
