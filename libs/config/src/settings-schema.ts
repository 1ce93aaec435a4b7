import { banSettings } from './ban-settings.js';
import { compatSettings } from './compat-settings.js';
import { gossipSettings } from './gossip-settings.js';
import { kafkaSettings } from './kafka-settings.js';
import { nodeSettings } from './node-settings.js';
import { p2pSettings } from './p2p-settings.js';
import { policySettings } from './policy-settings.js';
import { securitySettings } from './security-settings.js';
import { serviceSettings } from './service-settings.js';
import { simulatorSettings } from './simulator-settings.js';
import { syncSettings } from './sync-settings.js';
import type { AnySettingDefinition, SettingsOf } from './setting-definition.js';
import { websocketSettings } from './websocket-settings.js';

/** Every setting of the product, by area. Each is declared once, in its area's file. */
export const settingGroups = Object.freeze({
  node: nodeSettings,
  policy: policySettings,
  p2p: p2pSettings,
  gossip: gossipSettings,
  sync: syncSettings,
  ban: banSettings,
  security: securitySettings,
  services: serviceSettings,
  kafka: kafkaSettings,
  websocket: websocketSettings,
  simulator: simulatorSettings,
  compat: compatSettings,
});

export const settingsSchema = Object.freeze({
  ...nodeSettings,
  ...policySettings,
  ...p2pSettings,
  ...gossipSettings,
  ...syncSettings,
  ...banSettings,
  ...securitySettings,
  ...serviceSettings,
  ...kafkaSettings,
  ...websocketSettings,
  ...simulatorSettings,
  ...compatSettings,
});

export type SettingsSchema = typeof settingsSchema;
/** The fully typed, frozen object `loadSettings()` returns. */
export type Settings = SettingsOf<SettingsSchema>;
export type SettingKey = keyof SettingsSchema & string;
export type SettingGroup = keyof typeof settingGroups;
export type SettingGroupKeys<G extends SettingGroup> = keyof (typeof settingGroups)[G] & SettingKey;

export const settingDefinitions: readonly AnySettingDefinition[] = Object.freeze(
  Object.values(settingsSchema),
);

/**
 * Every accepted spelling (key or alias) → its definition. Built once; a spelling declared
 * twice is a programming error and fails at import.
 */
export const definitionsBySpelling: ReadonlyMap<string, AnySettingDefinition> = (() => {
  const index = new Map<string, AnySettingDefinition>();
  for (const group of Object.values(settingGroups)) {
    for (const definition of Object.values(group) as AnySettingDefinition[]) {
      for (const spelling of [definition.key, ...definition.aliases]) {
        const other = index.get(spelling);
        if (other !== undefined) {
          throw new Error(
            `setting spelling ${spelling} is declared by ${other.key} and ${definition.key}`,
          );
        }
        index.set(spelling, definition);
      }
    }
  }
  return index;
})();

/**
 * Key prefixes of this product's own settings: Teranode's p2p service (which it replaces) and
 * its own services. In a settings file an unknown key with one of these prefixes is a typo and
 * an error; any other unknown key belongs to another Teranode service and is ignored. Matched
 * case-sensitively, so Teranode's upper-case variables (P2P_PORT for ${P2P_PORT}) are not
 * taken for typos. KAFKA_ is not ours alone: Teranode's settings.conf has KAFKA_ keys for its
 * other services.
 */
export const ownKeyPrefixes: readonly string[] = Object.freeze([
  'p2p_',
  'gossip_node_',
  'ban_service_',
  'kafka_bridge_',
  'ws_',
  'simulator_',
]);

export function isSettingGroup(name: string): name is SettingGroup {
  return Object.hasOwn(settingGroups, name);
}
