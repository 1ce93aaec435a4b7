import { p2pEventsTopic, RecordDecodeError, type p2p_events } from '@teranode-p2p/contracts';
import type { BusConsumer, MessageBus } from '@teranode-p2p/kafka';

const REMEMBERED_BLOCKS = 1000;

/** Prints one line per block the first time any node of the network relays it. */
export function startBlockFeed(
  bus: MessageBus,
  topic: string,
  names: Map<string, string>,
  print: (line: string) => void,
): BusConsumer {
  const seen = new Set<string>();
  const consumer = bus.createConsumer({
    groupId: `local-network-feed-${process.pid}`,
    topics: [topic],
    handler: async (record) => {
      let event: p2p_events.P2PEvent;
      try {
        event = p2pEventsTopic.fromRecord(record);
      } catch (error) {
        if (error instanceof RecordDecodeError) return; // not ours to judge: the feed goes on
        throw error;
      }
      const block = event.block;
      if (!block || seen.has(block.hash)) return;
      seen.add(block.hash);
      if (seen.size > REMEMBERED_BLOCKS) seen.delete(seen.values().next().value as string);
      const from = names.get(event.sender_peer_id) ?? event.sender_peer_id;
      const to = names.get(event.receiver_peer_id) ?? event.receiver_peer_id;
      print(`block ${block.height} ${block.hash} announced by ${from}, relayed to ${to}`);
    },
  });
  return consumer;
}
