export {
  BanTargetError,
  formatCidr,
  parseAddressTarget,
  parseAddressPrefix,
  parseBanTarget,
  parseLookupTarget,
  parsePeerId,
  type AddressTarget,
  type BanKind,
  type BanTarget,
  type CidrPrefix,
  type PeerTarget,
} from './ban-address.js';
export { BanSet, type BanRecord, type BanSource } from './ban-set.js';
export {
  BAN_REASONS,
  BanReasonError,
  DEFAULT_REASON_POINTS,
  parseBanReason,
  type BanReason,
  type ReasonPoints,
} from './ban-reasons.js';
export {
  addScore,
  emptyScore,
  isIdle,
  isScoreBanned,
  scoreAt,
  scorePolicy,
  type PeerScoreState,
  type RecordedReason,
  type ScoreOutcome,
  type ScorePolicy,
} from './peer-score.js';
export { PrefixTrie } from './prefix-trie.js';
export {
  formatIPv4,
  formatIPv6,
  isIPv4Mapped,
  parseIPv4,
  parseIPv6,
  type IpFamily,
} from './ip-address.js';
export {
  applyBanEvent,
  banEvent,
  clearedEvent,
  kindFromProto,
  kindToProto,
  recordFromEntry,
  recordFromEvent,
  sourceFromProto,
  sourceToProto,
  toSeconds,
  type BanEventOutcome,
} from './ban-events.js';
