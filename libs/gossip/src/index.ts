export { GossipDecodeError, type DecodeFailure, type DecodeResult } from './json/decode-result.js';
export { GossipCodec, parseGossipJson } from './json/gossip-codec.js';
export { stringifyLikeGo } from './json/go-json.js';
export { blockMessageCodec, type BlockMessage } from './messages/block-message.js';
export { subtreeMessageCodec, type SubtreeMessage } from './messages/subtree-message.js';
export { rejectedTxMessageCodec, type RejectedTxMessage } from './messages/rejected-tx-message.js';
export { miningOnMessageCodec, type MiningOnMessage } from './messages/mining-on-message.js';
export { handshakeMessageCodec, type HandshakeMessage } from './messages/handshake-message.js';
export {
  blockAssemblyDetails,
  nodeStatusMessageCodec,
  type BlockAssemblyDetails,
  type FeePolicy,
  type NodeStatusMessage,
} from './messages/node-status-message.js';
export { feePolicyFrom, type AdvertisedPolicy } from './messages/fee-policy.js';
export { envelopeCodec, openPayload, sealPayload, type OpenedPayload } from './envelope.js';
export { base58Encode } from './identity/base58.js';
export {
  IdentityKeyError,
  parseEd25519KeyHex,
  type Ed25519KeyBytes,
} from './identity/ed25519-key.js';
export { ed25519PeerId, ed25519PeerIdBytes } from './identity/peer-id.js';
export { goPubsubMessageId } from './identity/message-id.js';
export { topicRendezvousCidBytes } from './topics.js';
export { isBlacklistedBaseUrl } from './blacklist.js';
export {
  checkDataHubUrl,
  ipAddressScope,
  isLocalhostName,
  type AddressScope,
  type UrlCheckOptions,
  type UrlProblem,
  type UrlProblemReason,
} from './datahub-url.js';
export {
  GOSSIP_SIZE_LIMITS,
  validateGossip,
  type AcceptedGossip,
  type GossipKind,
  type GossipValidationOptions,
  type GossipVerdict,
  type IgnoreReason,
  type RejectReason,
} from './gossip-validation.js';
export { advertisedUrlWarning } from './advertised-url.js';
export { PeerRegistry, type PeerInfo, type PeerUpdate } from './peer-registry.js';
