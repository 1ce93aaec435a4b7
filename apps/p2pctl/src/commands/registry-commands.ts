import { status } from '@grpc/grpc-js';
import {
  peerRegistryView,
  REPUTATION_BAND_LABELS,
  syncPeerView,
  type PeerRegistryView,
  type SyncPeerView,
} from '@teranode-p2p/peer-registry';
import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';
import { formatTime, renderFields, renderTable } from '../output/table.js';

const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 100)}%`);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const orDash = (text: string) => (text === '' ? '-' : text);
const reputation = (p: PeerRegistryView) =>
  `${p.reputation_score.toFixed(2)} (${REPUTATION_BAND_LABELS[p.band]})`;

async function syncAnswer(ctx: CommandContext): Promise<SyncPeerView> {
  const answer = await ctx.callGossipNode((c) => c.getSyncPeer.bind(c), {});
  return syncPeerView(answer);
}

/**
 * The sync peer, to mark it in the registry; none from a p2p_api server without gossip-node's
 * own API (Teranode's P2P service answers the registry RPCs but has no GetSyncPeer).
 */
async function currentSyncPeer(ctx: CommandContext): Promise<string> {
  try {
    return (await syncAnswer(ctx)).sync_peer;
  } catch (error) {
    if (error instanceof CommandError && error.grpcCode === status.UNIMPLEMENTED) return '';
    throw error;
  }
}

/** Every registry entry as GetPeerRegistry returns it (reputation descending). */
export async function registry(ctx: CommandContext): Promise<void> {
  const [response, syncPeer] = await Promise.all([
    ctx.callPeerService((c) => c.getPeerRegistry.bind(c), {}),
    currentSyncPeer(ctx),
  ]);
  const views = response.peers.map((peer) => peerRegistryView(peer, syncPeer));
  const rows = views.map((p) => [
    p.id,
    p.is_sync_peer ? '*' : '',
    p.client_name,
    p.reputation_score.toFixed(2),
    REPUTATION_BAND_LABELS[p.band],
    percent(p.success_rate),
    String(p.interaction_attempts),
    String(p.interaction_failures),
    String(p.height),
    orDash(p.storage),
    yesNo(p.is_connected),
    p.is_banned ? `yes (${p.ban_score})` : 'no',
    orDash(p.data_hub_url),
    p.last_catchup_error,
  ]);
  const headers = [
    'PEER',
    'SYNC',
    'CLIENT',
    'REPUTATION',
    'BAND',
    'SUCCESS',
    'ATTEMPTS',
    'FAILURES',
    'HEIGHT',
    'STORAGE',
    'CONNECTED',
    'BANNED',
    'DATAHUB URL',
    'LAST CATCH-UP ERROR',
  ];
  ctx.print(rows.length === 0 ? 'the peer registry is empty' : renderTable(headers, rows), views);
}

/** One registry entry, every field of PeerRegistryInfo. */
export async function peer(ctx: CommandContext, peerId: string): Promise<void> {
  const [response, syncPeer] = await Promise.all([
    ctx.callPeerService((c) => c.getPeer.bind(c), { peer_id: peerId }),
    currentSyncPeer(ctx),
  ]);
  if (!response.found || response.peer === undefined) {
    throw new CommandError(
      `no peer ${peerId} in the registry (p2pctl registry lists them)`,
      EXIT.notFound,
    );
  }
  const p = peerRegistryView(response.peer, syncPeer);
  const at = (seconds: number) => formatTime(seconds);
  ctx.print(
    renderFields([
      ['peer', p.id],
      ['client', orDash(p.client_name)],
      ['sync peer', yesNo(p.is_sync_peer)],
      ['reputation', reputation(p)],
      ['unhealthy because', orDash(p.unhealthy_reason)],
      [
        'success rate',
        `${percent(p.success_rate)} (${p.interaction_successes} of ${p.interaction_successes + p.interaction_failures})`,
      ],
      ['attempts', String(p.interaction_attempts)],
      ['successes', String(p.interaction_successes)],
      ['failures', String(p.interaction_failures)],
      ['malicious', String(p.malicious_count)],
      ['avg response', p.avg_response_time_ms > 0 ? `${p.avg_response_time_ms} ms` : '-'],
      ['height', String(p.height)],
      ['best block', orDash(p.block_hash)],
      ['storage', orDash(p.storage)],
      ['DataHub URL', orDash(p.data_hub_url)],
      ['connected', yesNo(p.is_connected)],
      ['banned', `${yesNo(p.is_banned)} (ban score ${p.ban_score})`],
      ['bytes received', String(p.bytes_received)],
      ['registered', at(p.connected_at)],
      ['last message', at(p.last_message_time)],
      ['last block', at(p.last_block_time)],
      ['last attempt', at(p.last_interaction_attempt)],
      ['last success', at(p.last_interaction_success)],
      ['last failure', at(p.last_interaction_failure)],
      ['last catch-up error', orDash(p.last_catchup_error)],
      ['  at', at(p.last_catchup_error_time)],
    ]),
    p,
  );
}

/**
 * ResetReputation: one peer, or every peer without an ID, back to 50 with its interaction
 * counters cleared (the ban score stays). gossip-node takes it without the admin key, as
 * Teranode's P2P service does; p2pctl sends the key when it has one, as with every call.
 */
export async function resetReputation(ctx: CommandContext, peerId?: string): Promise<void> {
  const response = await ctx.callPeerService((c) => c.resetReputation.bind(c), {
    peer_id: peerId ?? '',
  });
  if (peerId !== undefined && response.peers_reset === 0) {
    throw new CommandError(
      `no peer ${peerId} in the registry (p2pctl registry lists them)`,
      EXIT.notFound,
    );
  }
  const whom = peerId === undefined ? `every peer (${response.peers_reset})` : `${peerId}`;
  ctx.print(`reset the reputation of ${whom} to 50`, response);
}

function selectionSummary(view: SyncPeerView): string {
  if (view.selected_at_ms === 0) return 'no selection has run yet';
  const chosen = view.candidates.find((c) => c.peer_id === view.chosen);
  const result = chosen
    ? `chose ${chosen.peer_id} (${chosen.phase}, rank ${chosen.rank} of ${view.candidates.length})`
    : `chose nobody (${view.outcome})`;
  return `last selection ${formatTime(Math.floor(view.selected_at_ms / 1000))} (${view.cause}, local height ${view.local_height}): ${result}, ${view.excluded.length} passed over`;
}

/** The sync peer; with --why the last selection's ranked candidates and passed-over peers. */
export async function syncPeer(ctx: CommandContext, why: boolean): Promise<void> {
  const view = await syncAnswer(ctx);
  const lines = [
    view.sync_peer === '' ? 'no sync peer' : `sync peer ${view.sync_peer}`,
    selectionSummary(view),
  ];
  if (why && view.rotated_past_previous_peer)
    lines.push('the previous sync peer ranked first again, so the next one was taken');
  if (why && view.candidates.length > 0) {
    lines.push(
      '',
      `candidates (${view.candidates[0]!.phase}, best first):`,
      renderTable(
        [
          'RANK',
          'PEER',
          'CHOSEN',
          'REPUTATION',
          'AVG RESPONSE',
          'BAN SCORE',
          'HEIGHT',
          'RANKED BY',
        ],
        view.candidates.map((c) => [
          String(c.rank),
          c.peer_id,
          c.peer_id === view.chosen ? '*' : '',
          c.reputation_score.toFixed(2),
          c.avg_response_time_ms > 0 ? `${Math.round(c.avg_response_time_ms)} ms` : '-',
          String(c.ban_score),
          String(c.height),
          c.ranked_by,
        ]),
      ),
    );
  }
  if (why && view.excluded.length > 0) {
    lines.push(
      '',
      'passed over:',
      renderTable(
        ['PEER', 'WHY', 'DETAIL'],
        view.excluded.map((e) => [e.peer_id, e.why, e.detail]),
      ),
    );
  }
  ctx.print(lines.join('\n'), view);
}
