import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Settings } from '@teranode-p2p/config';
import { advertisedDataHubUrl } from '@teranode-p2p/config';
import { blockchain_api, model } from '@teranode-p2p/contracts';
import {
  collectedGauge,
  InjectMetrics,
  InjectSettings,
  invalidArgument,
  notFound,
  resourceExhausted,
} from '@teranode-p2p/service-runtime';
import { internalBytesToHash } from '@teranode-p2p/chain';
import type { Registry } from 'prom-client';
import { concatMap, from, map, merge, Observable, Subject } from 'rxjs';
import { FsmStateService } from './fsm-state.service.js';
import { MiningService } from './mining.service.js';
import {
  chainWorkBytes,
  headerBytes,
  internalHash,
  type SimulatedBlock,
} from './simulated-chain.js';

/** The state key Teranode's block persister writes its height under (uint32, little-endian). */
const BLOCK_PERSISTER_HEIGHT = 'BlockPersisterHeight';

type Notification = {
  type: number;
  hash: Buffer;
  base_URL: string;
  metadata: { metadata: Record<string, string> };
};

/** The blockchain_api.BlockchainAPI subset the gossip node calls, answered from the simulated chain. */
@Controller()
export class BlockchainApiController {
  private subscribers = 0;
  private readonly peerFailures = new Subject<Notification>();
  private readonly baseUrl: string;

  constructor(
    private readonly mining: MiningService,
    private readonly fsm: FsmStateService,
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() registry: Registry,
  ) {
    this.baseUrl = advertisedDataHubUrl(settings);
    collectedGauge(registry, () => this.subscribers, {
      name: 'simulator_subscribers',
      help: 'Subscribe streams open (bound simulator_max_subscribers)',
    });
  }

  @GrpcMethod('BlockchainAPI', 'HealthGRPC')
  health() {
    const now = Date.now();
    return {
      ok: true,
      details: 'simulated',
      timestamp: { seconds: Math.floor(now / 1000), nanos: (now % 1000) * 1e6 },
    };
  }

  @GrpcMethod('BlockchainAPI', 'GetBestBlockHeader')
  getBestBlockHeader() {
    return this.headerResponse(this.mining.chain.best());
  }

  @GrpcMethod('BlockchainAPI', 'GetBlockHeader')
  getBlockHeader(request: { blockHash?: Buffer }) {
    const bytes = request.blockHash ?? Buffer.alloc(0);
    if (bytes.length !== 32)
      throw invalidArgument(`blockHash must be 32 bytes, got ${bytes.length}`);
    const hash = internalBytesToHash(bytes);
    const block = this.mining.chain.get(hash);
    if (!block) throw notFound(`block ${hash} not found`);
    return this.headerResponse(block);
  }

  @GrpcMethod('BlockchainAPI', 'GetFSMCurrentState')
  getFsmCurrentState() {
    return { state: this.fsm.current };
  }

  @GrpcMethod('BlockchainAPI', 'WaitUntilFSMTransitionFromIdleState')
  waitUntilFsmTransitionFromIdleState() {
    // The simulator's state never changes, so a node waiting on IDLE would wait forever.
    if (this.fsm.current === blockchain_api.FSMStateType.IDLE) {
      throw invalidArgument('the simulator is configured to stay IDLE (simulator_fsm_state)');
    }
    return {};
  }

  @GrpcMethod('BlockchainAPI', 'Subscribe')
  subscribe(request: { source?: string }): Observable<Notification> {
    if (this.subscribers >= this.settings.simulator_max_subscribers) {
      throw resourceExhausted(
        `already ${this.subscribers} subscribers (simulator_max_subscribers)`,
      );
    }
    return new Observable<Notification>((subscriber) => {
      this.subscribers++;
      const subscription = merge(
        this.mining.mined.pipe(
          concatMap((block) => from(this.notificationsFor(block, request.source ?? ''))),
        ),
        this.peerFailures,
        this.fsm.changes.pipe(map(() => this.fsmNotification())),
      ).subscribe(subscriber);
      return () => {
        this.subscribers--;
        subscription.unsubscribe();
      };
    });
  }

  /** As Teranode's blockchain service: every subscriber is told (§5.4 of the registry spec). */
  @GrpcMethod('BlockchainAPI', 'ReportPeerFailure')
  reportPeerFailure(request: Partial<blockchain_api.ReportPeerFailureRequest>) {
    const field = (name: string, value: string | undefined, max: number) => {
      if (!value) throw invalidArgument(`${name} is empty`);
      if (value.length > max) throw invalidArgument(`${name} is longer than ${max} characters`);
      return value;
    };
    const hash = request.hash ?? Buffer.alloc(0);
    if (hash.length !== 0 && hash.length !== 32)
      throw invalidArgument(`hash must be 32 bytes or empty, got ${hash.length}`);
    this.peerFailures.next({
      type: model.NotificationType.PeerFailure,
      hash: Buffer.from(hash),
      base_URL: '',
      metadata: {
        metadata: {
          peer_id: field('peer_id', request.peer_id, 128),
          failure_type: field('failure_type', request.failure_type, 64),
          reason: (request.reason ?? '').slice(0, 1024),
        },
      },
    });
    return {};
  }

  /** Only the block persister's height is kept (`simulator_block_persister_lag`). */
  @GrpcMethod('BlockchainAPI', 'GetState')
  getState(request: Partial<blockchain_api.GetStateRequest>) {
    const key = request.key ?? '';
    if (key === '') throw invalidArgument('key is empty');
    const lag = this.settings.simulator_block_persister_lag;
    if (key !== BLOCK_PERSISTER_HEIGHT || lag === undefined)
      throw notFound(`no state for key ${JSON.stringify(key.slice(0, 100))}`);
    const height = Math.max(0, this.mining.chain.best().height - lag);
    const data = Buffer.alloc(4);
    data.writeUInt32LE(height);
    return { data };
  }

  /** The state itself is read with GetFSMCurrentState, as gossip-node does on this notification. */
  private fsmNotification(): Notification {
    return {
      type: model.NotificationType.FSMState,
      hash: Buffer.alloc(0),
      base_URL: '',
      metadata: { metadata: {} },
    };
  }

  private notificationsFor(block: SimulatedBlock, source: string): Notification[] {
    const metadata = { metadata: { source, height: String(block.height) } };
    return [
      ...block.subtrees.map((subtree) => ({
        type: model.NotificationType.Subtree,
        hash: internalHash(subtree),
        base_URL: this.baseUrl,
        metadata,
      })),
      {
        type: model.NotificationType.Block,
        hash: internalHash(block.hash),
        base_URL: this.baseUrl,
        metadata,
      },
      // Teranode v0.10 then said it mines on the new block (type 3, MiningOn; v0.11 nodes
      // ignore it).
      {
        type: model.NotificationType.NotUsed,
        hash: internalHash(block.hash),
        base_URL: this.baseUrl,
        metadata,
      },
    ];
  }

  private headerResponse(block: SimulatedBlock) {
    return {
      blockHeader: headerBytes(block),
      id: block.height + 1,
      height: block.height,
      tx_count: block.txCount,
      size_in_bytes: block.sizeInBytes,
      miner: this.settings.simulator_miner,
      peer_id: '',
      block_time: block.header.time,
      timestamp: block.header.time,
      chain_work: chainWorkBytes(block),
      mined_set: true,
      subtrees_set: true,
      invalid: false,
    };
  }
}
