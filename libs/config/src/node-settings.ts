import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import {
  enumKind,
  nameKind,
  nonNegativeIntKind,
  postgresUrlKind,
  stringKind,
  urlKind,
} from './setting-kinds.js';

/** The networks go-chaincfg knows (reference-service.md §2.2); each has its own topic prefix. */
export const NETWORKS = ['mainnet', 'testnet', 'regtest', 'stn', 'teratestnet', 'tstn'] as const;
export type Network = (typeof NETWORKS)[number];

export const LISTEN_MODES = ['full', 'listen_only', 'silent'] as const;

/** When Teranode's pruner runs (settings/interface.go): after the block persister, or on mined blocks. */
export const PRUNER_BLOCK_TRIGGERS = ['OnBlockPersisted', 'OnBlockMined'] as const;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Who this node is and where it keeps its state: read by every service. */
export const nodeSettings = declareSettings('node', {
  network: setting({
    kind: enumKind(NETWORKS),
    default: 'mainnet',
    meaning:
      'The BSV network to join; it selects the gossip topic prefix teranode/bitcoin/1.0.0/<network>.',
  }),
  clientName: setting({
    kind: nameKind(64),
    default: 'teranode',
    meaning:
      'This node\'s name: sent as the envelope "name" and node_status client_name, and used in Kafka consumer group names.',
  }),
  listen_mode: setting({
    kind: enumKind(LISTEN_MODES),
    default: 'full',
    meaning:
      'listen_only receives gossip but never publishes blocks, subtrees or rejected transactions, and sends node_status with an empty base_url and propagation_url; silent also publishes nothing else (no node_status, no handshake), runs no DHT whatever p2p_dht_mode says, and announces no addresses to peers.',
  }),
  log_level: setting({
    kind: enumKind(LOG_LEVELS, { ignoreCase: true }),
    default: 'info',
    aliases: ['logLevel'],
    meaning: 'The least severe log level that is written.',
  }),
  asset_httpPublicAddress: optionalSetting({
    kind: urlKind(['http', 'https']),
    unset: 'asset_httpAddress is advertised',
    meaning:
      "The public DataHub URL of the Teranode asset service, advertised as DataHubURL/base_url in this node's announcements.",
  }),
  asset_httpAddress: setting({
    kind: urlKind(['http', 'https']),
    default: 'http://localhost:8090/api/v1',
    meaning: 'The DataHub URL advertised when asset_httpPublicAddress is unset.',
  }),
  asset_propagation_public_url: optionalSetting({
    kind: urlKind(['http', 'https']),
    unset:
      'propagation_url is the advertised DataHub URL (asset_httpPublicAddress, else asset_httpAddress), as Teranode sends it',
    aliases: ['asset_propagationPublicURL'],
    meaning:
      "Where peers should send transactions (Teranode's propagation service): sent as propagation_url in this node's node_status, which is empty in listen_only and silent modes.",
  }),
  global_blockHeightRetention: setting({
    kind: nonNegativeIntKind(4_294_967_295),
    default: 288,
    meaning:
      'Blocks Teranode keeps before pruning (0 = 288, as Teranode): node_status says storage "full" while the block persister is at most this far behind the best block.',
  }),
  pruner_block_trigger: setting({
    kind: enumKind(PRUNER_BLOCK_TRIGGERS),
    default: 'OnBlockPersisted',
    meaning:
      'When Teranode\'s pruner runs: OnBlockMined prunes before the block persister has written a block, so node_status always says storage "pruned".',
  }),
  data_dir: setting({
    kind: stringKind({ type: 'path' }),
    default: './data',
    meaning: 'Directory for local state: the embedded PGlite database when DATABASE_URL is unset.',
  }),
  DATABASE_URL: optionalSetting({
    kind: postgresUrlKind(),
    unset: 'an embedded PGlite database in data_dir is used',
    secret: 'url-password',
    meaning: 'The Postgres database holding bans, peer scores and the node key.',
  }),
});
