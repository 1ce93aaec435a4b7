import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import {
  addressEntryKind,
  boolKind,
  bootstrapPeerKind,
  dnsServerKind,
  durationKind,
  ed25519PrivateKeyKind,
  enumKind,
  hexKeyKind,
  intKind,
  listKind,
  MAX_TIMER_MS,
  multiaddrKind,
  nameKind,
  nonNegativeIntKind,
  portKind,
  positiveIntKind,
  stringKind,
} from './setting-kinds.js';

/** Go's pubsub RPC limit (reference-wire.md §4.1); larger messages are dropped by Go peers. */
export const GO_PUBSUB_MAX_RPC_SIZE = 1_048_576;

/** How the node takes part in the DHT (Teranode's p2p_dht_mode). */
export const DHT_MODES = ['server', 'client', 'off'] as const;
export type DhtMode = (typeof DHT_MODES)[number];

/** The libp2p host of the gossip node: identity, addresses, peers, private network, limits. */
export const p2pSettings = declareSettings('p2p', {
  p2p_port: setting({
    kind: portKind(),
    default: 9905,
    meaning:
      'The TCP port libp2p listens on, and the port of listen/advertise entries that name none.',
  }),
  p2p_listen_addresses: setting({
    kind: listKind(addressEntryKind('listen')),
    default: [],
    meaning:
      'IP addresses (optionally with port, or full multiaddrs) libp2p listens on; empty means 0.0.0.0 and :: on p2p_port.',
  }),
  p2p_advertise_addresses: setting({
    kind: listKind(addressEntryKind('advertise')),
    default: [],
    meaning:
      'Addresses announced to peers instead of the detected ones (host names become /dns4/); empty means libp2p announces what it detects.',
  }),
  p2p_static_peers: setting({
    kind: listKind(multiaddrKind({ peerId: 'optional' })),
    default: [],
    meaning: 'Peers dialled at start and re-dialled with backoff whenever the connection is lost.',
  }),
  p2p_bootstrap_addresses: setting({
    kind: listKind(bootstrapPeerKind()),
    default: [],
    // Teranode reads p2p_bootstrap_peers since 2025-11, p2p_bootstrapAddresses before.
    aliases: ['p2p_bootstrap_peers', 'p2p_bootstrapAddresses'],
    meaning:
      "DHT bootstrap peers (a /p2p/ ID, or a /dnsaddr/ name whose TXT records list them), dialled at start and left out of GetPeers answers; in the environment p2p_bootstrap_addresses wins over p2p_bootstrap_peers (Teranode's name since 2025-11), which wins over p2p_bootstrapAddresses, and in the settings file two of them under one context are an error.",
  }),
  p2p_dns_servers: setting({
    kind: listKind(dnsServerKind()),
    default: [],
    meaning:
      'DNS servers asked for the TXT records of /dnsaddr/ bootstrap entries (IP[:port], tried in order); empty: the servers of /etc/resolv.conf.',
  }),
  p2p_bootstrap_persistent: setting({
    kind: boolKind(),
    default: false,
    meaning: 'When true, bootstrap peers are also kept connected like static peers.',
  }),
  p2p_dht_mode: setting({
    kind: enumKind(DHT_MODES),
    default: 'server',
    meaning:
      'server answers DHT queries and stores provider records, client only queries (no peer routes through it), off runs no DHT so peers come from bootstrap and static peers only; listen_mode silent forces off.',
  }),
  p2p_dht_cleanup_interval: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 24 * 60 * 60_000,
    meaning:
      "How often the DHT deletes other peers' expired provider records (and re-provides this node's own that are near expiry).",
  }),
  p2p_dht_use_private: setting({
    kind: boolKind(),
    default: false,
    meaning:
      'When true, the DHT uses p2p_dht_protocol_id and only p2p_bootstrap_addresses; when false, the public IPFS DHT (/ipfs/kad/1.0.0).',
  }),
  p2p_dht_protocol_id: setting({
    kind: stringKind({
      type: 'protocol prefix',
      pattern: /^(\/[A-Za-z0-9._-]+)+$/,
      expected: 'a protocol prefix such as /teranode',
    }),
    default: '/teranode',
    meaning: 'Protocol prefix of the private DHT: /teranode gives /teranode/kad/1.0.0.',
  }),
  p2p_shared_key: optionalSetting({
    kind: hexKeyKind({ bytes: [32] }),
    unset: 'no private network: connections are not protected by a pre-shared key',
    secret: 'whole',
    meaning:
      'Pre-shared key of a private libp2p network (pnet); peers with a different key cannot connect.',
  }),
  p2p_private_key: optionalSetting({
    kind: ed25519PrivateKeyKind(),
    unset: 'the key stored under p2p_node_name in the database is used, created on first start',
    secret: 'whole',
    meaning:
      "This node's Ed25519 identity as hex of seed ‖ public key (Teranode's p2p.key format).",
  }),
  p2p_node_name: optionalSetting({
    kind: nameKind(64),
    unset: 'clientName is used',
    aliases: ['node_name'],
    meaning: "The name under which this node's generated identity key is stored in the database.",
  }),
  p2p_conn_low_water: setting({
    kind: nonNegativeIntKind(),
    default: 200,
    meaning:
      'When connections exceed p2p_conn_high_water, the least useful are closed until this many remain.',
  }),
  p2p_conn_high_water: setting({
    kind: positiveIntKind(),
    default: 400,
    meaning: 'The number of open connections above which the node starts closing connections.',
  }),
  p2p_inbound_connection_threshold: setting({
    kind: positiveIntKind(),
    default: 5,
    meaning:
      "Inbound connections accepted per second from one host (libp2p's limit); raise it when many peers share one address, e.g. local test networks.",
  }),
  p2p_abort_connection_on_ping_failure: setting({
    kind: boolKind(),
    default: true,
    meaning:
      'Close a connection whose periodic ping times out; turn off when an overloaded event loop (several nodes in one process) delays pings.',
  }),
  p2p_min_peers: setting({
    kind: nonNegativeIntKind(),
    default: 5,
    meaning:
      "Below this many connected peers the node keeps looking for more (5 is gossipsub's Dlo mesh minimum).",
  }),
  p2p_max_message_size: setting({
    kind: positiveIntKind(4 * 1_048_576),
    default: GO_PUBSUB_MAX_RPC_SIZE,
    meaning:
      'Largest gossip message in bytes, sent or accepted; Go peers drop anything over 1 MiB.',
  }),
  gossip_node_signature_workers: setting({
    kind: nonNegativeIntKind(64),
    default: 1,
    meaning:
      "Worker threads checking the Ed25519 signatures of inbound gossip, about half of a node's work per message (go-libp2p-pubsub uses a goroutine pool); used while the event loop is busy (gossip_node_signature_offload_busy_percent); 0 always checks on the event loop as libp2p does, and more than one pays off only beyond two cores.",
  }),
  gossip_node_signature_offload_busy_percent: setting({
    kind: intKind({ min: 0, max: 100 }),
    default: 50,
    meaning:
      "How much of a core the event loop's thread must have used over the last second (percent of its CPU time; a loop merely waiting for a free core does not count) before signature checks go to the worker threads; below it the loop checks them itself, which costs the process about half the CPU of a hand-over and a thread wake-up less latency; 0 always hands them over.",
  }),
  p2p_peer_registry_max_size: setting({
    kind: nonNegativeIntKind(),
    default: 10_000,
    meaning:
      'Most peers the peer registry (in ban-service) keeps; beyond it the least recently active are dropped at each cleanup, connected and banned peers exempt (0: no limit; Teranode declares it but never reads it).',
  }),
  p2p_peer_registry_ttl: setting({
    kind: durationKind(),
    default: 24 * 60 * 60_000,
    meaning:
      'How long the peer registry keeps a peer it no longer hears from (by the newer of its last registration update and last gossip message); connected and banned peers are exempt.',
  }),
  p2p_peer_registry_cleanup_interval: setting({
    kind: durationKind({ allowZero: true, maxMs: MAX_TIMER_MS }),
    default: 60 * 60_000,
    meaning:
      'How often ban-service applies p2p_peer_registry_ttl and p2p_peer_registry_max_size to the peer registry, and sooner when the registry has grown a tenth past its size limit (checked every 5s; 0 disables the cleanup).',
  }),
  p2p_peer_registry_connection_lease: setting({
    // Renewed every third, through the registry feed's flush once a second.
    kind: durationKind({ minMs: 3000, maxMs: 60 * 60_000 }),
    default: 60_000,
    meaning:
      'How long the peer registry counts a peer as connected after gossip-node last heard from it (any author, relayed or not) or confirmed its connection to it (every third of this), so the peers of a node that stopped or lost ban-service, and authors nobody hears any more, stop counting as connected and become evictable (Teranode counts them connected for good).',
  }),
  p2p_peer_map_max_size: setting({
    kind: positiveIntKind(),
    default: 100_000,
    meaning: 'Most entries kept in each block/subtree hash → announcing peer map.',
  }),
  p2p_peer_map_ttl: setting({
    kind: durationKind(),
    default: 30 * 60_000,
    meaning: 'How long a hash → announcing peer entry is kept.',
  }),
  p2p_peer_map_cleanup_interval: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 5 * 60_000,
    meaning: 'How often expired hash → peer entries are removed.',
  }),
});
