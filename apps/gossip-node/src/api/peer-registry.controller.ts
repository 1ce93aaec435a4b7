import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { parsePeerId } from '@teranode-p2p/ban-rules';
import { isPeerId } from '@teranode-p2p/config';
import { p2p_api, peer_registry } from '@teranode-p2p/contracts';
import { peerHealth, toPeerRegistryInfo } from '@teranode-p2p/peer-registry';
import { grpcError, invalidArgument } from '@teranode-p2p/service-runtime';
import { status } from '@grpc/grpc-js';
import { BanGate } from '../bans/ban-gate.js';
import { RegistryClient } from '../registry/registry-client.js';

const { Interaction } = peer_registry;

/** A libp2p peer ID argument, as Teranode's catch-up RPCs require it (and the registry does). */
function peerIdArgument(text: string | undefined): string {
  try {
    return parsePeerId(text ?? '');
  } catch (error) {
    throw invalidArgument((error as Error).message);
  }
}

/** ban-service down or failing: the caller may try again. */
async function viaRegistry<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw grpcError(status.UNAVAILABLE, `peer registry unavailable: ${(error as Error).message}`);
  }
}

/**
 * The 15 peer-registry RPCs of today's p2p_api.PeerService (reference-peer-registry.md §1):
 * block and subtree validation report catch-up outcomes and valid data here, and ask which
 * peers to catch up from. The registry itself is ban-service's, shared by every replica.
 */
@Controller()
export class PeerRegistryController {
  constructor(
    @Inject(BanGate) private readonly gate: BanGate,
    @Inject(RegistryClient) private readonly registry: RegistryClient,
  ) {}

  @GrpcMethod('PeerService', 'RecordCatchupAttempt')
  recordCatchupAttempt(
    request: p2p_api.RecordCatchupAttemptRequest,
  ): Promise<p2p_api.RecordCatchupAttemptResponse> {
    return this.record(request.peer_id, Interaction.SYNC_ATTEMPT);
  }

  @GrpcMethod('PeerService', 'RecordCatchupSuccess')
  recordCatchupSuccess(
    request: p2p_api.RecordCatchupSuccessRequest,
  ): Promise<p2p_api.RecordCatchupSuccessResponse> {
    const duration = BigInt(request.duration_ms ?? '0');
    return this.record(request.peer_id, Interaction.CATCHUP_SUCCESS, {
      // A negative duration is not a measurement (Teranode ignores rt ≤ 0 as well).
      response_time_ms: String(duration > 0n ? duration : 0n),
    });
  }

  @GrpcMethod('PeerService', 'RecordCatchupFailure')
  recordCatchupFailure(
    request: p2p_api.RecordCatchupFailureRequest,
  ): Promise<p2p_api.RecordCatchupFailureResponse> {
    return this.record(request.peer_id, Interaction.CATCHUP_FAILURE);
  }

  @GrpcMethod('PeerService', 'RecordCatchupMalicious')
  recordCatchupMalicious(
    request: p2p_api.RecordCatchupMaliciousRequest,
  ): Promise<p2p_api.RecordCatchupMaliciousResponse> {
    return this.record(request.peer_id, Interaction.CATCHUP_MALICIOUS);
  }

  /** A no-op in Teranode since 2025-11 (reputation is computed, not set); kept for callers. */
  @GrpcMethod('PeerService', 'UpdateCatchupReputation')
  updateCatchupReputation(
    request: p2p_api.UpdateCatchupReputationRequest,
  ): p2p_api.UpdateCatchupReputationResponse {
    peerIdArgument(request.peer_id);
    return { ok: true };
  }

  @GrpcMethod('PeerService', 'UpdateCatchupError')
  updateCatchupError(
    request: p2p_api.UpdateCatchupErrorRequest,
  ): Promise<p2p_api.UpdateCatchupErrorResponse> {
    return this.record(request.peer_id, Interaction.CATCHUP_ERROR, {
      error: request.error_msg ?? '',
    });
  }

  @GrpcMethod('PeerService', 'RecordBytesDownloaded')
  recordBytesDownloaded(
    request: p2p_api.RecordBytesDownloadedRequest,
  ): Promise<p2p_api.RecordBytesDownloadedResponse> {
    return this.record(request.peer_id, Interaction.BYTES_DOWNLOADED, {
      bytes: request.bytes_downloaded ?? '0',
    });
  }

  @GrpcMethod('PeerService', 'ReportValidBlock')
  async reportValidBlock(
    request: p2p_api.ReportValidBlockRequest,
  ): Promise<p2p_api.ReportValidBlockResponse> {
    if (!request.block_hash) throw invalidArgument('block_hash is empty');
    await this.record(request.peer_id, Interaction.BLOCK_RECEIVED);
    return { success: true, message: 'block validation recorded' };
  }

  @GrpcMethod('PeerService', 'ReportValidSubtree')
  async reportValidSubtree(
    request: p2p_api.ReportValidSubtreeRequest,
  ): Promise<p2p_api.ReportValidSubtreeResponse> {
    if (!request.subtree_hash) throw invalidArgument('subtree_hash is empty');
    await this.record(request.peer_id, Interaction.SUBTREE_RECEIVED);
    return { success: true, message: 'subtree validation recorded' };
  }

  @GrpcMethod('PeerService', 'ResetReputation')
  resetReputation(
    request: p2p_api.ResetReputationRequest,
  ): Promise<p2p_api.ResetReputationResponse> {
    const peerId = request.peer_id ? peerIdArgument(request.peer_id) : '';
    return viaRegistry(async () => ({
      ok: true,
      peers_reset: await this.registry.resetReputation(peerId),
    }));
  }

  @GrpcMethod('PeerService', 'GetPeersForCatchup')
  getPeersForCatchup(): Promise<p2p_api.GetPeersForCatchupResponse> {
    return viaRegistry(async () => ({
      peers: await this.registry.listForCatchup(),
    }));
  }

  /** Malicious means banned (Teranode asks the ban authority, as this node's ban set does). */
  @GrpcMethod('PeerService', 'IsPeerMalicious')
  isPeerMalicious(request: p2p_api.IsPeerMaliciousRequest): p2p_api.IsPeerMaliciousResponse {
    const peerId = request.peer_id ?? '';
    if (peerId === '') return { is_malicious: false, reason: 'empty peer ID' };
    const banned = this.gate.isPeerBanned(peerId);
    return { is_malicious: banned, reason: banned ? 'peer is banned' : '' };
  }

  @GrpcMethod('PeerService', 'IsPeerUnhealthy')
  async isPeerUnhealthy(
    request: p2p_api.IsPeerUnhealthyRequest,
  ): Promise<p2p_api.IsPeerUnhealthyResponse> {
    const peerId = request.peer_id ?? '';
    const known = peerId !== '' && isPeerId(peerId);
    const record = known ? await viaRegistry(() => this.registry.get(peerId)) : undefined;
    const health = peerHealth(peerId, record, isPeerId);
    return {
      is_unhealthy: health.unhealthy,
      reason: health.reason,
      reputation_score: health.reputationScore,
    };
  }

  @GrpcMethod('PeerService', 'GetPeerRegistry')
  getPeerRegistry(): Promise<p2p_api.GetPeerRegistryResponse> {
    return viaRegistry(async () => ({
      peers: (await this.registry.list()).map(toPeerRegistryInfo),
    }));
  }

  @GrpcMethod('PeerService', 'GetPeer')
  async getPeer(request: p2p_api.GetPeerRequest): Promise<p2p_api.GetPeerResponse> {
    const peerId = request.peer_id ?? '';
    if (!isPeerId(peerId)) return { peer: undefined, found: false };
    const record = await viaRegistry(() => this.registry.get(peerId));
    return record
      ? { peer: toPeerRegistryInfo(record), found: true }
      : { peer: undefined, found: false };
  }

  private async record(
    peerIdText: string | undefined,
    interaction: peer_registry.Interaction,
    extra: Partial<peer_registry.RecordRequest> = {},
  ): Promise<{ ok: boolean }> {
    const peerId = peerIdArgument(peerIdText);
    await viaRegistry(() =>
      this.registry.record(
        peer_registry.RecordRequest.fromPartial({ peer_id: peerId, interaction, ...extra }),
      ),
    );
    return { ok: true };
  }
}
