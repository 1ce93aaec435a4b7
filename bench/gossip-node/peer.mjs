// One bench peer in its own process, driven by its parent over IPC.
//   role "publisher": publishes block announcements (burst or paced) with the send time inside
//   role "bare":      bare gossipsub subscriber; reports every arrival with its latency
//   role "bare-pool": the same, its signatures checked on gossip-node's worker pool
import { generateKeyPair } from '@libp2p/crypto/keys';
import { multiaddr } from '@multiformats/multiaddr';
import { blockMessageCodec, sealPayload } from '@teranode-p2p/gossip';
import { Registry } from 'prom-client';
import { createLibp2pHost } from '../../apps/gossip-node/dist/host/create-libp2p-host.js';
import { routeEd25519Verification } from '../../apps/gossip-node/dist/host/ed25519-verification-route.js';
import { SignatureVerifierPool } from '../../apps/gossip-node/dist/host/signature-verifier-pool.js';
import {
  SIGNATURE_KEY_CACHE_MAX,
  SIGNATURE_QUEUE_MAX,
  SIGNATURE_QUEUE_MAX_BYTES,
} from '../../apps/gossip-node/dist/host/host.module.js';

const [role, port] = process.argv.slice(2);
const TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
const now = () => performance.timeOrigin + performance.now();

const host = await createLibp2pHost(
  {
    p2p_port: Number(port),
    p2p_listen_addresses: [{ hostProtocol: 'ip4', host: '127.0.0.1', port: undefined }],
    p2p_advertise_addresses: [],
    p2p_shared_key: undefined,
    p2p_conn_high_water: 100,
    p2p_inbound_connection_threshold: 1000,
    p2p_abort_connection_on_ping_failure: false,
    p2p_dht_use_private: true,
    p2p_dht_protocol_id: '/teranode',
    p2p_max_message_size: 1_048_576,
  },
  await generateKeyPair('Ed25519'),
  // Every bench peer is libp2p as it ships (the network around the node, and the baseline);
  // only the gossip-node under test runs its tuned Noise and yamux.
  { stockWire: true },
);
if (role === 'bare-pool') {
  const pool = new SignatureVerifierPool(
    {
      workers: 1,
      maxPending: SIGNATURE_QUEUE_MAX,
      maxPendingBytes: SIGNATURE_QUEUE_MAX_BYTES,
      keyCacheSize: SIGNATURE_KEY_CACHE_MAX,
    },
    new Registry(),
  );
  routeEd25519Verification(pool);
}
await host.start();
const pubsub = host.services.pubsub;
pubsub.subscribe(TOPIC);

function message(seq) {
  const block = blockMessageCodec.create({
    hash: seq.toString(16).padStart(64, '0'),
    height: seq,
    // The send time rides in the DataHub URL's path (a public http(s) URL, as validation wants).
    dataHubUrl: `https://bench.example/t/${now().toFixed(3)}`,
    peerId: host.peerId.toString(),
  });
  return sealPayload(blockMessageCodec.encode(block), { envelope: true, name: 'bench' });
}

let arrivals = [];
let lastArrivalAt = 0;
if (role.startsWith('bare')) {
  const decoder = new TextDecoder();
  pubsub.addEventListener('message', (event) => {
    // the bare baseline only finds the send time in the base64 payload: decode just that
    const data = JSON.parse(decoder.decode(event.detail.data)).data;
    const sent = Number(
      /"DataHubURL":"https:\/\/bench\.example\/t\/([0-9.]+)"/.exec(
        Buffer.from(data, 'base64').toString(),
      )[1],
    );
    lastArrivalAt = now();
    arrivals.push(lastArrivalAt - sent);
  });
}

let seq = 0;
process.on('message', async (command) => {
  if (command.cmd === 'dial') {
    await host.dial(multiaddr(command.address));
    const until = Date.now() + 10_000;
    while (pubsub.getSubscribers(TOPIC).length === 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500)); // a mesh heartbeat
    process.send({ ok: true });
  } else if (command.cmd === 'burst') {
    for (let i = 0; i < command.count; i++) {
      await pubsub.publish(TOPIC, message(seq++));
      if (i % 50 === 49) await new Promise((r) => setImmediate(r)); // pace: gossipsub has no backpressure
    }
    process.send({ ok: true });
  } else if (command.cmd === 'rate') {
    const interval = 1000 / command.rate;
    const start = now();
    for (let i = 0; i < command.count; i++) {
      const due = start + i * interval;
      const wait = due - now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      await pubsub.publish(TOPIC, message(seq++));
    }
    process.send({ ok: true });
  } else if (command.cmd === 'take') {
    process.send({ arrivals, lastArrivalAt });
    arrivals = [];
  } else if (command.cmd === 'stop') {
    await host.stop();
    process.exit(0);
  }
});
process.send({ ready: true, address: `/ip4/127.0.0.1/tcp/${port}/p2p/${host.peerId}` });
