/**
 * A bare js-libp2p node in a netsim run: libp2p and gossipsub as they ship (gossip-node's host
 * factory with `stockWire`: stock Noise, yamux and connection monitor, gossipsub with the
 * Go-compatible message IDs) and nothing of the product — no validation, inbound pipeline,
 * registry, bus or metrics. It counts what it receives as tools/interop's Go peer does, so the
 * `libp2p` population is the floor any Node.js peer on js-libp2p starts from, measured in the
 * same network as ours and Go's. Same line protocol as ours-runner.ts; netsim tells it when to
 * publish node_status, as it tells the Go peer.
 */
import { privateKeyFromRaw } from '@libp2p/crypto/keys';
import type { Message } from '@libp2p/gossipsub';
import type { Libp2p, PrivateKey } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import { gossipTopics, loadSettings, type Settings } from '@teranode-p2p/config';
import { openPayload, parseEd25519KeyHex, sealPayload } from '@teranode-p2p/gossip';
import { messageId, type MessageKind } from './peer-lines.js';
import { emit, jsonObject, readCommands, startStats, type StatsHost } from './runner-io.js';

type Host = Libp2p &
  StatsHost & {
    services: {
      pubsub: {
        subscribe(topic: string): void;
        publish(topic: string, data: Uint8Array): Promise<unknown>;
        addEventListener(type: 'message', listener: (event: CustomEvent<Message>) => void): void;
      };
    };
  };

interface GossipNodeExports {
  createLibp2pHost(
    settings: Settings,
    key: PrivateKey,
    options: { stockWire: boolean },
  ): Promise<Host>;
}

const REDIAL_INTERVAL_MS = 1000;
const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** The id netsim knows a payload by: the announced hash, or a node_status's author and uptime. */
function payloadId(kind: MessageKind, payload: Record<string, unknown>): string {
  if (kind === 'node_status')
    return messageId(kind, {
      peerId: String(payload['peer_id'] ?? ''),
      uptime: Number(payload['uptime'] ?? 0),
    });
  return messageId(kind, { hash: String(payload['Hash'] ?? '') });
}

/** Dials every static peer it is not connected to, every second (peers start in turn, and restart). */
function keepConnected(host: Host, peers: readonly string[]): () => void {
  const dialling = new Set<string>();
  const round = () => {
    for (const address of peers) {
      const target = multiaddr(address);
      const peerId = target.getComponents().find((c) => c.name === 'p2p')?.value;
      if (dialling.has(address) || host.getPeers().some((p) => p.toString() === peerId)) continue;
      dialling.add(address);
      host
        .dial(target)
        .catch(() => undefined)
        .finally(() => dialling.delete(address));
    }
  };
  round();
  const timer = setInterval(round, REDIAL_INTERVAL_MS);
  return () => clearInterval(timer);
}

async function main(): Promise<void> {
  const settings: Settings = loadSettings({ env: process.env });
  if (settings.p2p_private_key === undefined) throw new Error('p2p_private_key is required');
  const specifier = '@teranode-p2p/gossip-node';
  const { createLibp2pHost } = (await import(specifier)) as GossipNodeExports;
  const key = privateKeyFromRaw(parseEd25519KeyHex(settings.p2p_private_key).raw);
  const host = await createLibp2pHost(settings, key, { stockWire: true });
  await host.start();

  const topics = gossipTopics(settings);
  const kindOf = new Map<string, MessageKind>([
    [topics.block, 'block'],
    [topics.subtree, 'subtree'],
    [topics.nodeStatus, 'node_status'],
  ]);
  const pubsub = host.services.pubsub;
  let delivered = 0;
  pubsub.addEventListener('message', ({ detail: message }) => {
    const kind = kindOf.get(message.topic);
    const opened = openPayload(message.data, {
      envelope: true,
      maxBytes: settings.p2p_max_message_size,
    });
    if (kind === undefined || !opened.ok) return;
    const payload = jsonObject(textDecoder.decode(opened.value.payload));
    if (typeof payload === 'string') {
      const from = message.type === 'signed' ? message.from.toString() : 'an unsigned message';
      emit({ event: 'error', context: `${kind} from ${from}`, error: payload });
      return;
    }
    delivered++;
    emit({
      type: 'delivered',
      topic: message.topic,
      kind,
      id: payloadId(kind, payload),
      from: message.type === 'signed' ? message.from.toString() : '',
      t: Date.now(),
    });
  });
  for (const topic of kindOf.keys()) pubsub.subscribe(topic);

  const publish = async (kind: unknown, fields: Record<string, unknown>): Promise<void> => {
    const topic = [...kindOf].find(([, k]) => k === kind)?.[0];
    if (topic === undefined) throw new Error(`cannot publish ${String(kind)}`);
    const t = Date.now();
    const payload = textEncoder.encode(JSON.stringify(fields));
    await pubsub.publish(
      topic,
      sealPayload(payload, { envelope: true, name: settings.clientName }),
    );
    emit({ event: 'published', kind, id: payloadId(kind as MessageKind, fields), t });
  };

  const stopDialling = keepConnected(host, settings.p2p_static_peers);
  const stopStats = startStats(host, () => delivered);
  let stopping: Promise<void> | undefined;
  const quit = () =>
    void (stopping ??= (async () => {
      stopDialling();
      stopStats();
      try {
        await host.stop();
      } finally {
        process.exit(0);
      }
    })());

  emit({ event: 'ready', peerId: host.peerId.toString(), addrs: [], profile: 'libp2p' });
  readCommands(publish, quit);
}

main().catch((error: Error) => {
  emit({ event: 'error', context: 'start', error: error.stack ?? error.message });
  process.exit(1);
});
