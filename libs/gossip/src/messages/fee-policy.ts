import type { FeePolicy } from './node-status-message.js';

/** The policy settings a node advertises (Teranode's settings.PolicySettings, same names). */
export interface AdvertisedPolicy {
  /** `minminingtxfee`: BSV per kB. */
  readonly minMiningTxFee: number;
  /** `maxscriptsizepolicy`: bytes, 0 = unlimited. */
  readonly maxScriptSizePolicy: number;
  /** `maxtxsizepolicy`: bytes, 0 = unlimited. */
  readonly maxTxSizePolicy: number;
  /** `maxtxsigopscountspolicy`: 0 = unlimited. */
  readonly maxTxSigopsCountsPolicy: number;
}

const SATOSHIS_PER_BSV = 100_000_000;
/** ARC's and Teranode's fee unit: satoshis per 1000 bytes (the fee is BSV per kB). */
const FEE_BYTES = 1000n;
const UINT64_LIMIT = 2 ** 64;

/**
 * Teranode's `policyFromSettings` (services/p2p/message_types.go): the fee_policy of node_status,
 * or undefined when a value cannot be advertised — a fee that is NaN, ±Inf, negative or beyond
 * uint64 once in satoshis, or a negative size or sigops limit. Teranode then leaves out
 * min_mining_tx_fee too, so both fields are known or both unknown. The satoshis are truncated as
 * Go's uint64 conversion does (0.000005 BSV/kB → 500).
 */
export function feePolicyFrom(policy: AdvertisedPolicy): FeePolicy | undefined {
  const satoshis = policy.minMiningTxFee * SATOSHIS_PER_BSV;
  if (!Number.isFinite(satoshis) || satoshis < 0 || satoshis >= UINT64_LIMIT) return undefined;
  const limits = [
    policy.maxScriptSizePolicy,
    policy.maxTxSizePolicy,
    policy.maxTxSigopsCountsPolicy,
  ];
  if (limits.some((limit) => !(limit >= 0))) return undefined;
  const [maxScriptSizePolicy, maxTxSizePolicy, maxTxSigopsCountsPolicy] = limits.map((limit) =>
    BigInt(Math.trunc(limit)),
  ) as [bigint, bigint, bigint];
  return {
    miningFee: { satoshis: BigInt(Math.trunc(satoshis)), bytes: FEE_BYTES },
    maxScriptSizePolicy,
    maxTxSizePolicy,
    maxTxSigopsCountsPolicy,
  };
}
