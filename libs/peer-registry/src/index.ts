export {
  FULL_STORAGE,
  PRUNED_STORAGE,
  lastActivityMs,
  type PeerRecord,
  type TransportType,
} from './peer-record.js';
export { cleanClientName, MAX_CLIENT_NAME_BYTES } from './client-name.js';
export {
  LIST_ANSWER_MAX_BYTES,
  textBytes,
  withinAnswerSize,
  type AnswerItemSize,
} from './answer-size.js';
export {
  MAX_BLOCK_HASH_LENGTH,
  MAX_DATA_HUB_URL_LENGTH,
  MAX_NETWORK_ADDRESS_LENGTH,
  MAX_STORAGE_LENGTH,
} from './field-limits.js';
export { registerPeer, type PeerRegistration } from './peer-registration.js';
export {
  banFieldsOf,
  isBannedAt,
  mirrorBan,
  withoutExpiredBan,
  type BanStanding,
} from './ban-mirror.js';
export {
  blendResponseTime,
  outcomeOf,
  recordBlockReceived,
  recordSubtreeReceived,
  recordTransactionReceived,
  updateMetrics,
  type InteractionOutcome,
  type MetricsUpdate,
} from './interaction-metrics.js';
export {
  MAX_CATCHUP_ERROR_LENGTH,
  recordCatchupError,
  recordMessageReceived,
  setConnectionState,
  setStorage,
} from './peer-status.js';
export {
  clearAllSyncAttempts,
  clearSyncAttempt,
  isInSyncCooldown,
  recordSyncAttempt,
} from './sync-attempts.js';
export {
  MALICIOUS_REPUTATION,
  MIN_HEALTHY_REPUTATION,
  MIN_SYNC_REPUTATION,
  NEUTRAL_REPUTATION,
  RECOVERED_REPUTATION,
} from './reputation-thresholds.js';
export {
  RECENCY_WINDOW_MS,
  reputationOf,
  speedFactor,
  withReputation,
  type ReputationInputs,
} from './reputation.js';
export {
  isDueForRecovery,
  peersDueForRecovery,
  recoverReputation,
  recoveryWaitMs,
  resetReputation,
} from './reputation-recovery.js';
export {
  healthOf,
  isLowReputationSender,
  isViableSyncCandidate,
  peerHealth,
  type PeerHealth,
} from './peer-health.js';
export {
  syncExclusion,
  type EligibilityCriteria,
  type SyncExclusion,
  type SyncExclusionCode,
} from './sync-eligibility.js';
export {
  compareSyncCandidates,
  rankingKey,
  type RankedValues,
  type SyncOrderKey,
  type SyncPhase,
} from './sync-candidate-order.js';
export {
  inSelectionOrder,
  selectSyncPeer,
  type RankedCandidate,
  type SelectionOutcome,
  type SyncPeerCriteria,
  type SyncPeerSelection,
} from './sync-peer-selection.js';
export {
  CATCHUP_LIST_MAX,
  listForCatchup,
  listPeers,
  storageRank,
  type PeerListFilter,
} from './peer-listing.js';
export { planEviction, type EvictionPlan, type RegistryLimits } from './eviction-plan.js';
export {
  BACKOFF_STEP_MS,
  backoffWindowMs,
  checkBackoff,
  enterBackoff,
  MAX_BACKOFF_MULTIPLIER,
  NO_BACKOFF,
  RECOVERY_BASE_COOLDOWN_MS,
  reputationRecoveryCooldownMs,
  type BackoffState,
} from './sync-backoff.js';
export { applySyncDecision, type SyncDecision } from './sync-decisions.js';
export { syncTriggerFor, type SyncTriggerMessage, type SyncTriggerResult } from './sync-trigger.js';
export {
  activateNewSyncPeer,
  BEHIND_MONITOR_INTERVAL_MS,
  CAUGHT_UP_MONITOR_INTERVAL_MS,
  evaluateSyncPeer,
  isCaughtUp,
  monitorTick,
  onCatchupFailure,
  onPeerDisconnected,
  RESELECT_DELAY_MS,
  SILENT_SYNC_PEER_MS,
  STALLED_SYNC_MS,
  triggerSync,
} from './sync-coordinator.js';
export {
  INITIAL_SYNC_STATE,
  SYNC_ATTEMPT_COOLDOWN_MS,
  type SyncCoordinatorState,
  type SyncStep,
  type SyncView,
} from './sync-step.js';
export { peerRecordOf, toPeerRecordMessage } from './peer-record-message.js';
export {
  toPeerInfoForCatchup,
  type CatchupFields,
  toPeerRegistryInfo,
  toSyncPeerAnswer,
  type LastSyncSelection,
} from './peer-api-views.js';
export {
  peerRegistryView,
  REPUTATION_BAND_LABELS,
  reputationBand,
  syncPeerView,
  type PeerRegistryView,
  type ReputationBand,
  type SyncCandidateView,
  type SyncPeerView,
} from './operator-views.js';
