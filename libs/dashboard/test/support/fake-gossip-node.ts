import type { Server, ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { gossip_node, p2p_api } from '@teranode-p2p/contracts';
import { serveGrpc } from '@teranode-p2p/testing';

export const PEERS = {
  fast: '12D3KooWMDApZEARYiFoq34WP24WfAqJbvCnLmqAKVmVp2RQJne3',
  slow: '12D3KooWR4xvr2niuAdWJuk83ocL8zPugMNeJiH68fgmBrUdBz3u',
  hostile: '12D3KooWKTiAVqf97tivnxjijFJ3zWNtdW9q4yFHw4YEKwQnZFTo',
} as const;

/** What a hostile peer might get into the registry if nothing cleaned it on the way. */
export const HOSTILE = {
  clientName: '<img src=x onerror="window.__pwned=1">',
  url: 'javascript:window.__pwned=1//',
  error: '<script>window.__pwned=1</script> & "quotes"',
};

const info = (fields: Partial<p2p_api.PeerRegistryInfo>) =>
  p2p_api.PeerRegistryInfo.fromPartial({ is_connected: true, ...fields });

/** GetPeerRegistry as gossip-node answers it: reputation descending. */
export const REGISTRY: p2p_api.PeerRegistryInfo[] = [
  info({
    id: PEERS.fast,
    client_name: 'teranode-fast',
    height: 500,
    data_hub_url: 'https://fast.example/api/v1',
    storage: 'full',
    reputation_score: 100,
    interaction_attempts: '3',
    interaction_successes: '3',
    avg_response_time_ms: '100',
  }),
  info({
    id: PEERS.slow,
    client_name: 'teranode-slow',
    height: 500,
    data_hub_url: 'https://slow.example/api/v1',
    reputation_score: 35,
    interaction_attempts: '4',
    interaction_successes: '2',
    interaction_failures: '2',
  }),
  info({
    id: PEERS.hostile,
    client_name: HOSTILE.clientName,
    height: 600,
    data_hub_url: HOSTILE.url,
    reputation_score: 5,
    interaction_attempts: '1',
    interaction_failures: '1',
    malicious_count: '1',
    last_catchup_error: HOSTILE.error,
    last_catchup_error_time: '1796428000',
  }),
];

export const SYNC: gossip_node.SyncPeerAnswer = {
  sync_peer: PEERS.fast,
  selected_at_ms: '1796428000000',
  cause: 'monitor',
  local_height: 0,
  outcome: 'full',
  chosen: PEERS.fast,
  rotated_past_previous_peer: false,
  candidates: [
    {
      peer_id: PEERS.fast,
      phase: 'full',
      rank: 1,
      reputation_score: 100,
      avg_response_time_ms: 100,
      ban_score: 0,
      height: 500,
    },
  ],
  excluded: [
    {
      peer_id: PEERS.slow,
      why: 'full-node-preferred',
      detail: 'unknown storage and a full node is available',
    },
    { peer_id: PEERS.hostile, why: 'low-reputation', detail: 'reputation 5.00 is below 20' },
  ],
};

export interface FakeGossipNode {
  address: string;
  /** ResetReputation calls as received: the peer ID and the x-api-key sent with it. */
  resets: { peerId: string; apiKey: string | undefined }[];
  close(): Promise<void>;
}

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, done: sendUnaryData<Res>) => void;

/**
 * A stand-in for gossip-node's gRPC API (p2p_api registry RPCs and GetSyncPeer on one port,
 * as gossip-node serves them); without `syncPeer` it is Teranode's P2P service, which has no
 * GetSyncPeer.
 */
export async function startFakeGossipNode(
  options: { syncPeer?: boolean } = {},
): Promise<FakeGossipNode> {
  const resets: FakeGossipNode['resets'] = [];
  const known = new Set(REGISTRY.map((p) => p.id));
  const resetReputation: Unary<p2p_api.ResetReputationRequest, p2p_api.ResetReputationResponse> = (
    call,
    done,
  ) => {
    const peerId = call.request.peer_id;
    resets.push({ peerId, apiKey: call.metadata.get('x-api-key')[0]?.toString() });
    done(null, { ok: true, peers_reset: peerId === '' ? known.size : known.has(peerId) ? 1 : 0 });
  };
  const served = await serveGrpc((server: Server) => {
    server.addService(p2p_api.PeerServiceService, {
      getPeerRegistry: ((_call, done) => done(null, { peers: REGISTRY })) as Unary<
        unknown,
        p2p_api.GetPeerRegistryResponse
      >,
      resetReputation,
    });
    if (options.syncPeer ?? true)
      server.addService(gossip_node.GossipNodeService, {
        getSyncPeer: ((_call, done) => done(null, SYNC)) as Unary<
          unknown,
          gossip_node.SyncPeerAnswer
        >,
      });
  });
  return {
    address: served.address,
    resets,
    close: () => new Promise((resolve) => served.server.tryShutdown(() => resolve())),
  };
}
