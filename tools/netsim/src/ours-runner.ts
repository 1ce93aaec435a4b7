/**
 * One of our nodes in a netsim run, as a child process: gossip-node (its built app, loaded at
 * run time as the local network loads it) on the in-process bus, with the settings netsim
 * passes in the environment. It speaks tools/interop's line protocol (peer-lines.ts):
 *
 * - stdin `{"cmd":"publish","kind":"block"|"subtree","fields":{…Go field names…}}` publishes
 *   through the node's GossipPublisher, the path its blockchain listener announces own blocks
 *   and subtrees on; `{"cmd":"quit"}` stops the node.
 * - stdout `delivered` for every P2PEvent the node puts on its p2p events topic (read back
 *   from the bus, so a message counts only once it went through the node's whole inbound path),
 *   `published` for the node's own node_status (it announces one at start and every 10 s),
 *   and `stats` every second: duplicates (gossipsub's duplicate-message trace), peers, mesh
 *   degree per topic.
 */
import { loadSettings, type Settings } from '@teranode-p2p/config';
import { p2pEventsTopic, type p2p_events } from '@teranode-p2p/contracts';
import { blockMessageCodec, subtreeMessageCodec } from '@teranode-p2p/gossip';
import { processMessageBus, Topic } from '@teranode-p2p/kafka';
import {
  createJsonLogger,
  startService,
  type RunningService,
  type ServiceDefinition,
} from '@teranode-p2p/service-runtime';
import pino from 'pino';
import { messageId } from './peer-lines.js';
import { emit, readCommands, startStats, type StatsHost } from './runner-io.js';

/** What this runner uses of gossip-node's libp2p host and gossip publisher. */
interface GossipNodeLike {
  readonly peerId: string;
  readonly host: StatsHost & { peerId: { toString(): string } };
  readonly publisher: {
    publish(gossip: { kind: 'block' | 'subtree'; message: unknown }): Promise<unknown>;
  };
}

interface GossipNodeExports {
  gossipNodeDefinition: ServiceDefinition;
  LIBP2P_HOST: symbol;
  GossipPublisher: abstract new (...args: never[]) => GossipNodeLike['publisher'];
}

function deliveredLine(event: p2p_events.P2PEvent): Record<string, unknown> | undefined {
  const base = { topic: event.topic, from: event.sender_peer_id, t: Number(event.received_at_ms) };
  if (event.block) return { ...base, kind: 'block', id: messageId('block', event.block) };
  if (event.subtree) return { ...base, kind: 'subtree', id: messageId('subtree', event.subtree) };
  if (event.node_status) {
    const status = event.node_status;
    return {
      ...base,
      kind: 'node_status',
      id: messageId('node_status', { peerId: status.peer_id, uptime: status.uptime }),
    };
  }
  return undefined;
}

async function publish(
  node: GossipNodeLike,
  kind: unknown,
  fields: Record<string, unknown>,
): Promise<void> {
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
  // As the Go peer: t is taken when the payload is handed to the library.
  const t = Date.now();
  if (kind === 'block') {
    await node.publisher.publish({
      kind: 'block',
      message: blockMessageCodec.create({
        hash: text('Hash'),
        height: Number(fields['Height'] ?? 0),
        dataHubUrl: text('DataHubURL'),
        peerId: text('PeerID') || node.peerId,
        header: text('Header'),
        coinbase: text('Coinbase'),
      }),
    });
  } else if (kind === 'subtree') {
    await node.publisher.publish({
      kind: 'subtree',
      message: subtreeMessageCodec.create({
        hash: text('Hash'),
        dataHubUrl: text('DataHubURL'),
        peerId: text('PeerID') || node.peerId,
      }),
    });
  } else {
    throw new Error(`cannot publish ${String(kind)}: our node announces its own node_status`);
  }
  emit({ event: 'published', kind, id: messageId(String(kind), { hash: text('Hash') }), t });
}

async function main(): Promise<void> {
  const settings: Settings = loadSettings({ env: process.env });
  const specifier = '@teranode-p2p/gossip-node';
  const app = (await import(specifier)) as GossipNodeExports;
  const logger = createJsonLogger('gossip-node', settings.log_level, pino.destination(2), settings);
  const service: RunningService = await startService(app.gossipNodeDefinition, settings, logger);
  const host = service.app.get<symbol, GossipNodeLike['host']>(app.LIBP2P_HOST);
  const node: GossipNodeLike = {
    peerId: host.peerId.toString(),
    host,
    publisher: service.app.get(app.GossipPublisher),
  };
  let delivered = 0;

  const self = node.peerId;
  const events = Topic.of(p2pEventsTopic, settings);
  const consumer = processMessageBus().createConsumer({
    groupId: 'netsim',
    topics: [events.name],
    fromBeginning: true,
    handler: async (record) => {
      const event = p2pEventsTopic.fromRecord(record);
      const line = deliveredLine(event);
      if (!line) return;
      if (event.sender_peer_id === self) {
        emit({ event: 'published', kind: line['kind'], id: line['id'], t: line['t'] });
        return;
      }
      delivered++;
      emit({ type: 'delivered', ...line });
    },
  });
  await consumer.start();

  const stopStats = startStats(node.host, () => delivered);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopStats();
      await consumer.stop().catch(() => undefined);
      await service.close().catch(() => undefined);
      process.exit(0);
    })());

  emit({ event: 'ready', peerId: self, addrs: [], profile: 'ours' });
  readCommands(
    (kind, fields) => publish(node, kind, fields),
    () => void stop(),
  );
}

main().catch((error: Error) => {
  emit({ event: 'error', context: 'start', error: error.stack ?? error.message });
  process.exit(1);
});
