import { gossipsub } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { PeerId } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { ping } from '@libp2p/ping';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { nodeStatusMessageCodec, sealPayload, type NodeStatusMessage } from '@teranode-p2p/gossip';
import { createLibp2p } from 'libp2p';
import { waitFor } from './wait-for.js';

/**
 * A plain js-libp2p peer on 127.0.0.1 (TCP, noise, yamux, identify, ping, gossipsub with signed
 * messages): a remote node as the tests of p2pctl or the dashboard need one, to feed a gossip
 * node's registry. gossip-node's own tests build theirs with the node's host factory
 * (apps/gossip-node/test/support/test-peer.ts).
 */
export async function startGossipPeer() {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }),
    },
  });
}

export type GossipPeer = Awaited<ReturnType<typeof startGossipPeer>>;

/** What these helpers need of a host: either kind of test peer fits. */
interface SubscribingHost {
  dial(address: Multiaddr): Promise<unknown>;
  services: {
    pubsub: { subscribe(topic: string): void; getSubscribers(topic: string): PeerId[] };
  };
}
interface PublishingHost {
  peerId: PeerId;
  services: { pubsub: { publish(topic: string, data: Uint8Array): Promise<unknown> } };
}

/** Dials `address` (…/p2p/<id>), subscribes to `topics`, and waits until the remote has joined them. */
export async function dialAndSubscribe(
  host: SubscribingHost,
  address: string,
  topics: string[],
): Promise<void> {
  await host.dial(multiaddr(address));
  for (const topic of topics) host.services.pubsub.subscribe(topic);
  const remote = address.split('/p2p/')[1]!;
  await waitFor(`${remote} to join ${topics.join(', ')}`, () =>
    topics.every((topic) =>
      host.services.pubsub.getSubscribers(topic).some((p) => p.toString() === remote),
    ),
  );
}

/**
 * Publishes a node_status as Teranode does (JSON in the message-bus envelope) on `topic`,
 * authored by `host`: `peer_id` is the host's, the rest comes from `status`.
 */
export async function publishNodeStatus(
  host: PublishingHost,
  topic: string,
  status: Partial<NodeStatusMessage>,
): Promise<void> {
  const message = nodeStatusMessageCodec.create({
    type: 'node_status',
    peerId: host.peerId.toString(),
    ...status,
  });
  await host.services.pubsub.publish(
    topic,
    sealPayload(nodeStatusMessageCodec.encode(message), {
      envelope: true,
      name: message.clientName,
    }),
  );
}
