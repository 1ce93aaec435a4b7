import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import { decimalKind, nonNegativeIntKind } from './setting-kinds.js';

/** No fee rate can exceed every coin there is (21 million BSV) per kB. */
const MAX_FEE_BSV_PER_KB = 21_000_000;

/**
 * The transaction policy of the Teranode this node speaks for, under Teranode's own keys
 * (settings/policy_settings.go), so that a shared settings.conf gives both the same values.
 * This node validates no transactions: it only advertises the policy in node_status
 * (min_mining_tx_fee and fee_policy, reference-peer-registry.md §7.3).
 */
export const policySettings = declareSettings('policy', {
  minminingtxfee: optionalSetting({
    kind: decimalKind({ min: 0, max: MAX_FEE_BSV_PER_KB, examples: '0.000005 or 0' }),
    unset:
      'node_status carries neither min_mining_tx_fee nor fee_policy (unknown), where Teranode assumes its default 0.000005',
    meaning:
      "The minimum fee, in BSV per kB as in bitcoin-sv, of the transactions this node's Teranode mines: advertised in node_status as min_mining_tx_fee and, in satoshis per 1000 bytes with the three policy limits below, as fee_policy (0 means no fee).",
  }),
  maxscriptsizepolicy: setting({
    kind: nonNegativeIntKind(),
    default: 500_000,
    meaning:
      "The largest script in bytes (0 = unlimited) this node's Teranode accepts by policy: advertised as fee_policy.maxscriptsizepolicy when minminingtxfee is set.",
  }),
  maxtxsizepolicy: setting({
    kind: nonNegativeIntKind(),
    default: 10_485_760,
    meaning:
      "The largest transaction in bytes (0 = unlimited) this node's Teranode accepts by policy: advertised as fee_policy.maxtxsizepolicy when minminingtxfee is set.",
  }),
  maxtxsigopscountspolicy: setting({
    kind: nonNegativeIntKind(),
    default: 0,
    meaning:
      "The most signature operations per transaction (0 = unlimited) this node's Teranode accepts by policy: advertised as fee_policy.maxtxsigopscountspolicy when minminingtxfee is set.",
  }),
});
