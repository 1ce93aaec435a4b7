import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import type { DhtMode } from '@teranode-p2p/config';
import { freePort } from '@teranode-p2p/testing';
import { createLibp2pHost, type Libp2pHost } from '../../src/host/create-libp2p-host.js';

/**
 * An in-process libp2p peer built with the node's own host factory (same transports and
 * gossipsub tuning): the test's hand on the network, to publish good and bad messages.
 */
export async function startTestPeer(
  options: {
    address?: string;
    sharedKey?: string;
    privateKey?: PrivateKey;
    dhtMode?: DhtMode;
  } = {},
): Promise<Libp2pHost> {
  const host = await createLibp2pHost(
    {
      p2p_port: await freePort(),
      p2p_listen_addresses: [
        { hostProtocol: 'ip4', host: options.address ?? '127.0.0.1', port: undefined },
      ],
      p2p_advertise_addresses: [],
      p2p_shared_key: options.sharedKey,
      p2p_conn_high_water: 100,
      p2p_inbound_connection_threshold: 1000,
      p2p_abort_connection_on_ping_failure: false,
      listen_mode: 'full',
      p2p_dht_mode: options.dhtMode ?? 'server',
      p2p_dht_cleanup_interval: 24 * 60 * 60_000,
      p2p_dht_use_private: true,
      p2p_dht_protocol_id: '/teranode',
      p2p_max_message_size: 1_048_576,
    },
    options.privateKey ?? (await generateKeyPair('Ed25519')),
  );
  await host.start();
  return host;
}

export { dialAndSubscribe } from '@teranode-p2p/testing';
