import { p2pEventsTopic, RecordDecodeError, type p2p_events } from '@teranode-p2p/contracts';
import { BoundedMap } from '@teranode-p2p/bounded-collections';
import type { BusConsumer, MessageBus } from '@teranode-p2p/kafka';

/** Blocks remembered, waiting for receivers or printed already (late receipts are ignored). */
const REMEMBERED_BLOCKS = 1000;
/** How long after its first receipt a block waits for the network's other nodes. */
export const RECEIPT_WINDOW_MS = 2000;

interface PendingBlock {
  readonly line: string;
  readonly expected: number;
  readonly firstAtMs: number;
  /** Receiving node → milliseconds after the first receipt. */
  readonly receivers: Map<string, number>;
  readonly timer: NodeJS.Timeout;
}

/**
 * Prints one line per block: who announced it and which nodes of the network received it, each
 * with its delay after the first, once every other node has it or RECEIPT_WINDOW_MS after the
 * first receipt (then naming the nodes that did not).
 */
export function startBlockFeed(
  bus: MessageBus,
  topic: string,
  names: Map<string, string>,
  print: (line: string) => void,
  windowMs = RECEIPT_WINDOW_MS,
): BusConsumer {
  const printed = new BoundedMap<string, true>(REMEMBERED_BLOCKS);
  const nameOf = (peerId: string) => names.get(peerId) ?? peerId;

  const report = (hash: string, block: PendingBlock) => {
    clearTimeout(block.timer);
    printed.set(hash, true);
    const receivers = [...block.receivers].map(([name, delayMs]) => `${name} (+${delayMs} ms)`);
    const missing = block.expected - block.receivers.size;
    const late = missing > 0 ? `; ${missing} node(s) not within ${windowMs} ms` : '';
    print(`${block.line}, received by ${receivers.join(', ')}${late}`);
  };
  // The oldest pending block is reported early when more than REMEMBERED_BLOCKS wait.
  const pending = new BoundedMap<string, PendingBlock>(REMEMBERED_BLOCKS, report);
  const finish = (hash: string) => {
    const block = pending.get(hash);
    if (block === undefined) return;
    pending.delete(hash);
    report(hash, block);
  };

  const receive = (event: p2p_events.P2PEvent, block: p2p_events.BlockAnnouncement) => {
    const atMs = Number(event.received_at_ms);
    let entry = pending.get(block.hash);
    if (entry === undefined) {
      const others = [...names.keys()].filter((id) => id !== event.sender_peer_id).length;
      entry = {
        line: `block ${block.height} ${block.hash} announced by ${nameOf(event.sender_peer_id)}`,
        expected: Math.max(others, 1),
        firstAtMs: atMs,
        receivers: new Map(),
        timer: setTimeout(() => finish(block.hash), windowMs).unref(),
      };
      pending.set(block.hash, entry);
    }
    const receiver = nameOf(event.receiver_peer_id);
    if (entry.receivers.has(receiver)) return;
    entry.receivers.set(receiver, Math.max(atMs - entry.firstAtMs, 0));
    if (entry.receivers.size >= entry.expected) finish(block.hash);
  };

  return bus.createConsumer({
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
      if (event.block && !printed.has(event.block.hash)) receive(event, event.block);
    },
  });
}
