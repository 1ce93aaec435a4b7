import type { Settings } from '@teranode-p2p/config';
import { nodeStatusMessageCodec, type NodeStatusMessage } from '@teranode-p2p/gossip';

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

/** The node_status message this node announces (reference-service.md §2.6). */
export function ownNodeStatus(
  settings: Pick<
    Settings,
    'clientName' | 'listen_mode' | 'asset_httpAddress' | 'asset_httpPublicAddress'
  >,
  peerId: string,
  startedAtMs: number,
  chain: ChainView,
  now = Date.now(),
): NodeStatusMessage {
  return nodeStatusMessageCodec.create({
    type: 'node_status',
    baseUrl:
      settings.listen_mode === 'full'
        ? (settings.asset_httpPublicAddress ?? settings.asset_httpAddress)
        : '',
    peerId,
    version: NODE_VERSION,
    bestBlockHash: chain.bestBlockHash,
    bestHeight: chain.bestHeight,
    fsmState: chain.fsmState,
    startTime: Math.floor(startedAtMs / 1000),
    uptime: (now - startedAtMs) / 1000,
    clientName: settings.clientName,
    minerName: chain.minerName,
    listenMode: settings.listen_mode,
    chainWork: chain.chainWork,
  });
}
