import { declareSettings, setting } from './setting-definition.js';
import { boolKind, listKind, stringKind } from './setting-kinds.js';

/** The suffix of a gossip topic: `block` in `teranode/bitcoin/1.0.0/mainnet-block`. */
export const topicNameKind = stringKind({
  type: 'topic name',
  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  maxLength: 64,
  expected: "a topic name of letters, digits, '.', '_' or '-' (at most 64), such as block",
});

/** Gossip topics, payload envelope and which optional topics are joined (design.md §4). */
export const gossipSettings = declareSettings('gossip', {
  p2p_block_topic: setting({
    kind: topicNameKind,
    default: 'block',
    meaning: 'Topic name suffix for block announcements.',
  }),
  p2p_subtree_topic: setting({
    kind: topicNameKind,
    default: 'subtree',
    meaning: 'Topic name suffix for subtree announcements.',
  }),
  p2p_rejected_tx_topic: setting({
    kind: topicNameKind,
    default: 'rejected_tx',
    meaning: 'Topic name suffix for rejected-transaction announcements.',
  }),
  p2p_node_status_topic: setting({
    kind: topicNameKind,
    default: 'node_status',
    meaning: 'Topic name suffix for node status messages.',
  }),
  p2p_handshake_topic: setting({
    kind: topicNameKind,
    default: 'handshake',
    meaning: 'Topic name suffix for version/verack handshakes (legacy Teranode v0.10 networks).',
  }),
  p2p_mining_on_topic: setting({
    kind: topicNameKind,
    default: 'miningon',
    meaning: 'Topic name suffix for mining-on announcements (legacy Teranode v0.10 networks).',
  }),
  p2p_node_status_enabled: setting({
    kind: boolKind(),
    default: true,
    meaning:
      "Join the node_status topic and publish this node's status every 10 s (Teranode v0.11).",
  }),
  p2p_handshake_enabled: setting({
    kind: boolKind(),
    default: false,
    meaning:
      'Join the handshake topic and answer the direct version/verack stream (legacy networks).',
  }),
  p2p_mining_on_enabled: setting({
    kind: boolKind(),
    default: false,
    meaning: 'Join the mining-on topic (legacy networks).',
  }),
  p2p_message_envelope: setting({
    kind: boolKind(),
    default: true,
    meaning:
      'Wrap every payload as {"name":clientName,"data":base64} as Teranode v0.11 does; false sends raw JSON as v0.10 did.',
  }),
  subtreevalidation_blacklisted_baseurls: setting({
    kind: listKind(stringKind({ type: 'url or host' })),
    default: [],
    meaning: 'Subtree announcements whose DataHub URL host matches one of these are dropped.',
  }),
  p2p_allow_private_ips: setting({
    kind: boolKind(),
    default: false,
    meaning:
      'When false, block and subtree messages whose DataHub URL, and node_status messages whose base_url, point at localhost or a loopback, private, link-local or unspecified address are rejected and their author scored protocol_violation, as Teranode does; true accepts them (a local network announces 127.0.0.1); unlike Teranode, it does not limit which peers can connect.',
  }),
});
