import type { Settings } from '@teranode-p2p/config';
import { advertisedDataHubUrl } from '@teranode-p2p/config';
import { storageMode, type StorageSettings } from './storage-mode.js';
import {
  feePolicyFrom,
  nodeStatusMessageCodec,
  type NodeStatusMessage,
} from '@teranode-p2p/gossip';

/** This build's version as node_status reports it. */
export const NODE_VERSION = '0.1.0';
/** How often a node announces its node_status (Teranode: every 10 s). */
export const NODE_STATUS_INTERVAL_MS = 10_000;

/** What the node knows of its chain; empty until a blockchain service feeds it. */
export interface ChainView {
  bestBlockHash: string;
  bestHeight: number;
  fsmState: string;
  minerName: string;
  chainWork: string;
  /** The blockchain service's `BlockPersisterHeight` state; 0 when unset or unreadable. */
  blockPersisterHeight: number;
}

export const NO_CHAIN: ChainView = {
  bestBlockHash: '',
  bestHeight: 0,
  fsmState: 'UNKNOWN',
  minerName: '',
  chainWork: '',
  blockPersisterHeight: 0,
};

/** The sync peer the node's sync coordinator chose. */
export interface SyncPeerView {
  peerId: string;
  /** The peer's height and best block as the registry last listed them. */
  height: number;
  blockHash: string;
  /** When the coordinator chose it. */
  sinceMs: number;
  /** Whether the peer has an open libp2p connection to this node now. */
  connected: boolean;
}

/** What the node knows of its peers when it builds its status. */
export interface PeerView {
  /** Peers with an open libp2p connection. */
  connectedPeers: number;
  /** Undefined while the sync coordinator has no sync peer. */
  syncPeer?: SyncPeerView | undefined;
}

/**
 * The sync_peer_* fields: the coordinator's current peer, with its height and best block only
 * while it is connected here, as Teranode fills them (it looks the peer up among its libp2p
 * peers). sync_connected_at is when the coordinator chose the peer, in Unix seconds.
 */
function advertisedSyncPeer(
  sync: SyncPeerView | undefined,
): Pick<
  NodeStatusMessage,
  'syncPeerId' | 'syncPeerHeight' | 'syncPeerBlockHash' | 'syncConnectedAt'
> {
  if (sync === undefined)
    return { syncPeerId: '', syncPeerHeight: 0, syncPeerBlockHash: '', syncConnectedAt: 0n };
  return {
    syncPeerId: sync.peerId,
    syncPeerHeight: sync.connected ? sync.height : 0,
    syncPeerBlockHash: sync.connected ? sync.blockHash : '',
    syncConnectedAt: BigInt(Math.floor(sync.sinceMs / 1000)),
  };
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
> &
  StorageSettings;

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
 * subtree_count (it has no block-assembly client).
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
    startTime: BigInt(Math.floor(startedAtMs / 1000)),
    uptime: (now - startedAtMs) / 1000,
    minerName: chain.minerName,
    listenMode: settings.listen_mode,
    chainWork: chain.chainWork,
    ...advertisedSyncPeer(peers.syncPeer),
    ...advertisedFee(settings),
    connectedPeersCount: BigInt(peers.connectedPeers),
    storage: storageMode(settings, chain.blockPersisterHeight, chain.bestHeight),
  });
}
