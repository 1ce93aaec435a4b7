/**
 * The fee policy of Teranode's fee_policy_test.go (0.000005 BSV/kB, i.e. 500 satoshis per 1000
 * bytes; 500,000-byte scripts, 10 MiB transactions, 4000 sigops) as a P2PEvent `FeePolicy`
 * carries it (uint64 values as decimal strings). In node_status JSON it reads
 * `"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":4000}`.
 */
export const TERANODE_FEE_POLICY_EVENT = {
  mining_fee: { satoshis: '500', bytes: '1000' },
  max_script_size_policy: '500000',
  max_tx_size_policy: '10485760',
  max_tx_sigops_counts_policy: '4000',
};
