import type { Settings } from '@teranode-p2p/config';
import { advertisedDataHubUrl } from '@teranode-p2p/config';
import {
  feePolicyFrom,
  nodeStatusMessageCodec,
  type NodeStatusMessage,
} from '@teranode-p2p/gossip';

/** This build's version as node_status reports it. */
export const NODE_VERSION = '0.1.0';

/** What the node knows of its chain; empty until a blockchain service feeds it. */
export interface ChainView {
  bestBlockHash: string;
  bestHeight: number;
  fsmState: string;
  minerName: string;
  chainWork: string;
}

export const NO_CHAIN: ChainView = {
  bestBlockHash: '',
  bestHeight: 0,
  fsmState: 'UNKNOWN',
  minerName: '',
  chainWork: '',
};

/** What the node knows of its peers when it builds its status. */
export interface PeerView {
  /** Peers with an open libp2p connection. */
  connectedPeers: number;
}

export type OwnStatusSettings = Pick<
  Settings,
  | 'clientName'
  | 'listen_mode'
  | 'asset_httpAddress'
  | 'asset_httpPublicAddress'
  | 'asset_propagation_public_url'
  | 'minminingtxfee'
  | 'maxscriptsizepolicy'
  | 'maxtxsizepolicy'
  | 'maxtxsigopscountspolicy'
>;

/**
 * min_mining_tx_fee and fee_policy: both from the minminingtxfee setting, both left out
 * (unknown) when it is unset or the policy cannot be advertised, as Teranode keeps them
 * consistent (reference-peer-registry.md §7.3).
 */
function advertisedFee(
  settings: OwnStatusSettings,
): Pick<NodeStatusMessage, 'minMiningTxFee' | 'feePolicy'> {
  const fee = settings.minminingtxfee;
  if (fee === undefined) return { minMiningTxFee: undefined, feePolicy: undefined };
  const feePolicy = feePolicyFrom({
    minMiningTxFee: fee,
    maxScriptSizePolicy: settings.maxscriptsizepolicy,
    maxTxSizePolicy: settings.maxtxsizepolicy,
    maxTxSigopsCountsPolicy: settings.maxtxsigopscountspolicy,
  });
  return feePolicy ? { minMiningTxFee: fee, feePolicy } : { minMiningTxFee: undefined, feePolicy };
}

/**
 * The node_status message this node announces, in today's shape (reference-peer-registry.md
 * §7.3). In listen_only and silent modes base_url and propagation_url are empty, so no peer
 * takes this node for a sync source. What this node cannot know is left out: tx_count and
 * subtree_count (no block-assembly client), the sync_peer_* fields (it chooses no sync peer) and
 * storage (the blockchain service it follows does not say; see the README's Decisions).
 */
export function ownNodeStatus(
  settings: OwnStatusSettings,
  peerId: string,
  startedAtMs: number,
  chain: ChainView,
  peers: PeerView,
  now = Date.now(),
): NodeStatusMessage {
  const advertises = settings.listen_mode === 'full';
  const dataHubUrl = advertisedDataHubUrl(settings);
  return nodeStatusMessageCodec.create({
    peerId,
    clientName: settings.clientName,
    type: 'node_status',
    baseUrl: advertises ? dataHubUrl : '',
    propagationUrl: advertises ? (settings.asset_propagation_public_url ?? dataHubUrl) : '',
    version: NODE_VERSION,
    bestBlockHash: chain.bestBlockHash,
    bestHeight: chain.bestHeight,
    fsmState: chain.fsmState,
    startTime: Math.floor(startedAtMs / 1000),
    uptime: (now - startedAtMs) / 1000,
    minerName: chain.minerName,
    listenMode: settings.listen_mode,
    chainWork: chain.chainWork,
    ...advertisedFee(settings),
    connectedPeersCount: peers.connectedPeers,
  });
}
