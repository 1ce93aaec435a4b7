export { loadSettings, SETTINGS_CONTEXT_ENV, SETTINGS_FILE_ENV } from './load-settings.js';
export type { LoadSettingsOptions, SelectedSettings, SettingSelector } from './load-settings.js';
export {
  definitionsBySpelling,
  settingDefinitions,
  settingGroups,
  settingsSchema,
} from './settings-schema.js';
export type {
  SettingGroup,
  SettingGroupKeys,
  SettingKey,
  Settings,
  SettingsSchema,
} from './settings-schema.js';
export { SettingsError } from './settings-error.js';
export { describeSettings, redactedSettings } from './describe-settings.js';
export { gossipTopicName, gossipTopicPrefix, gossipTopics, joinedGossipTopics } from './topics.js';
export type { GossipTopics, GossipTopicSettings } from './topics.js';
export { advertiseMultiaddrs, listenMultiaddrs } from './p2p-addresses.js';
export { addressEntryToMultiaddr } from './address-entry.js';
export type { AddressEntry } from './address-entry.js';
export { advertisedDataHubUrl, advertisedDataHubUrlSetting } from './advertised-datahub-url.js';
export { formatHostPort } from './host-port.js';
export type { HostPort } from './host-port.js';
export { LISTEN_MODES, LOG_LEVELS, NETWORKS } from './node-settings.js';
export { FSM_STATES } from './simulator-settings.js';
export {
  DEFAULT_BAN_REASON_POINTS,
  type BanReasonName,
  type BanReasonPoints,
} from './ban-reason-points.js';
export type { Network } from './node-settings.js';
export { DHT_MODES, GO_PUBSUB_MAX_RPC_SIZE, type DhtMode } from './p2p-settings.js';
export { formatDuration, parseDuration } from './duration.js';
export { redactUrlPassword, redactWhole } from './redaction.js';
export type { SettingDefinition, AnySettingDefinition } from './setting-definition.js';
export { hostPortKind, type SettingKind } from './setting-kinds.js';
export { isPeerId } from './peer-id.js';
export {
  LOCAL_DATA_DIR_DEFAULT,
  localNetworkP2pctlFile,
  removeLocalNetworkP2pctlDefaults,
  withLocalNetworkP2pctlDefaults,
  writeLocalNetworkP2pctlDefaults,
  type LocalNetworkP2pctlDefaults,
} from './local-network-p2pctl.js';
export { QUOTED_INPUT_LENGTH, quoteInput } from './quote-input.js';
