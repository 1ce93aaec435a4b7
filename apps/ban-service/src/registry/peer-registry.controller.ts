import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { parsePeerId } from '@teranode-p2p/ban-rules';
import { p2p_api, peer_registry } from '@teranode-p2p/contracts';
import {
  LIST_ANSWER_MAX_BYTES,
  textBytes,
  toPeerRecordMessage,
  withinAnswerSize,
  type AnswerItemSize,
} from '@teranode-p2p/peer-registry';
import { invalidArgument } from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import { BAN_LOGGER } from '../bans/ban-logger.js';
import { answer } from '../grpc/grpc-error-mapping.js';
import { leaseOf, gossipObservationOf, interactionOf } from './registry-requests.js';
import { PeerRegistryStore } from './registry-store.js';

/** A PeerRecord's bytes besides its texts, every number at its largest (tags and lengths included: 350 measured). */
const PEER_RECORD_NUMBERS_MAX_BYTES = 384;
/** The same for a PeerInfoForCatchup. */
const CATCHUP_NUMBERS_MAX_BYTES = 72;

/** Most observations one ApplyGossip call may carry (gossip-node sends one per peer). */
export const MAX_GOSSIP_BATCH = 10_000;

/** peer_registry.PeerRegistry: the registry every gossip-node replica shares. */
@Controller()
export class PeerRegistryController {
  constructor(
    @Inject(PeerRegistryStore) private readonly store: PeerRegistryStore,
    @Inject(BAN_LOGGER) private readonly logger: Logger,
  ) {}

  @GrpcMethod('PeerRegistry', 'ApplyGossip')
  applyGossip(request: peer_registry.GossipBatch): Promise<peer_registry.ApplyGossipResponse> {
    return answer(this.logger, 'ApplyGossip', async () => {
      const observations = request.observations ?? [];
      if (observations.length > MAX_GOSSIP_BATCH)
        throw invalidArgument(
          `${observations.length} observations in one batch; at most ${MAX_GOSSIP_BATCH}`,
        );
      const applied = await this.store.applyGossip(
        observations.map(gossipObservationOf),
        leaseOf(request),
        Date.now(),
      );
      return { applied };
    });
  }

  @GrpcMethod('PeerRegistry', 'Record')
  record(request: peer_registry.RecordRequest): Promise<peer_registry.RecordResponse> {
    return answer(this.logger, 'Record', async () => {
      const peerId = parsePeerId(request.peer_id ?? '');
      const found = await this.store.record(peerId, interactionOf(request), Date.now());
      return { found };
    });
  }

  @GrpcMethod('PeerRegistry', 'Get')
  get(request: peer_registry.PeerRequest): Promise<peer_registry.GetPeerResponse> {
    return answer(this.logger, 'Get', async () => {
      const record = await this.store.get(parsePeerId(request.peer_id ?? ''), Date.now());
      return record
        ? { peer: toPeerRecordMessage(record), found: true }
        : { peer: undefined, found: false };
    });
  }

  @GrpcMethod('PeerRegistry', 'List')
  list(request: peer_registry.ListRequest): Promise<peer_registry.ListResponse> {
    return answer(this.logger, 'List', async () => {
      const records = await this.store.list(
        {
          minReputation: request.min_reputation ?? 0,
          minHeight: request.min_height ?? 0,
          excludeBanned: request.exclude_banned ?? false,
          sortByStorage: request.sort_by_storage ?? false,
          connectedOnly: request.connected_only ?? false,
        },
        Date.now(),
      );
      const peers = this.withinAnswerSize('List', records.map(toPeerRecordMessage), {
        atMost: (p) =>
          textBytes(
            [
              p.id,
              p.transport,
              p.client_name,
              p.block_hash,
              p.data_hub_url,
              p.network_address,
              p.storage,
              p.last_catchup_error,
            ],
            PEER_RECORD_NUMBERS_MAX_BYTES,
          ),
        allExactly: (peers) =>
          peer_registry.ListResponse.encode({ peers: [...peers] }).finish().length,
        exactly: (p) => peer_registry.PeerRecord.encode(p).finish().length,
      });
      return { peers };
    });
  }

  @GrpcMethod('PeerRegistry', 'ListForCatchup')
  listForCatchup(): Promise<peer_registry.ListForCatchupResponse> {
    return answer(this.logger, 'ListForCatchup', async () => ({
      peers: this.withinAnswerSize('ListForCatchup', await this.store.listForCatchup(Date.now()), {
        atMost: (p) => textBytes([p.id, p.block_hash, p.data_hub_url], CATCHUP_NUMBERS_MAX_BYTES),
        allExactly: (peers) =>
          peer_registry.ListForCatchupResponse.encode({ peers: [...peers] }).finish().length,
        exactly: (p) => p2p_api.PeerInfoForCatchup.encode(p).finish().length,
      }),
    }));
  }

  /** The best peers that fit one answer; the cut is logged (clients refuse answers over 4 MiB). */
  private withinAnswerSize<T>(rpc: string, peers: T[], size: AnswerItemSize<T>): T[] {
    const kept = withinAnswerSize(peers, size);
    if (kept.length < peers.length)
      this.logger.warn(
        { rpc, listed: peers.length, answered: kept.length, maxBytes: LIST_ANSWER_MAX_BYTES },
        `${rpc} answered with the best ${kept.length} of ${peers.length} peers: the rest would not fit one answer`,
      );
    return kept;
  }

  @GrpcMethod('PeerRegistry', 'ResetReputation')
  resetReputation(
    request: peer_registry.PeerRequest,
  ): Promise<peer_registry.ResetReputationResponse> {
    return answer(this.logger, 'ResetReputation', async () => {
      const peerId = request.peer_id ? parsePeerId(request.peer_id) : undefined;
      return { reset: await this.store.resetReputation(peerId, Date.now()) };
    });
  }

  @GrpcMethod('PeerRegistry', 'ReconsiderBadPeers')
  reconsiderBadPeers(
    request: peer_registry.ReconsiderRequest,
  ): Promise<peer_registry.ReconsiderResponse> {
    return answer(this.logger, 'ReconsiderBadPeers', async () => {
      const cooldownMs = Number(request.cooldown_ms ?? 0);
      if (!Number.isSafeInteger(cooldownMs) || cooldownMs < 0)
        throw invalidArgument(`cooldown_ms must be 0 or more, not ${request.cooldown_ms}`);
      return { reconsidered: await this.store.reconsiderBadPeers(cooldownMs, Date.now()) };
    });
  }

  @GrpcMethod('PeerRegistry', 'ClearSyncAttempts')
  clearSyncAttempts(): Promise<peer_registry.ClearSyncAttemptsResponse> {
    return answer(this.logger, 'ClearSyncAttempts', async () => ({
      cleared: await this.store.clearSyncAttempts(),
    }));
  }

  @GrpcMethod('PeerRegistry', 'Remove')
  remove(request: peer_registry.PeerRequest): Promise<peer_registry.RemoveResponse> {
    return answer(this.logger, 'Remove', async () => ({
      removed: await this.store.remove(parsePeerId(request.peer_id ?? '')),
    }));
  }
}
