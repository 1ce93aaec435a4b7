import { Inject, Injectable, Logger } from '@nestjs/common';
import { internalBytesToHash } from '@teranode-p2p/chain';
import type { Settings } from '@teranode-p2p/config';
import { advertisedDataHubUrl, advertisedDataHubUrlSetting } from '@teranode-p2p/config';
import { blockchain_api, model } from '@teranode-p2p/contracts';
import {
  advertisedUrlWarning,
  blockMessageCodec,
  miningOnMessageCodec,
  subtreeMessageCodec,
} from '@teranode-p2p/gossip';
import { InjectSettings, type GrpcClientSettings } from '@teranode-p2p/service-runtime';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { NO_CHAIN, NODE_STATUS_INTERVAL_MS, type ChainView } from '../node/own-status.js';
import { BlockchainClient, type BlockInfo } from './blockchain-client.js';

const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];
const SYNCING = new Set([
  blockchain_api.FSMStateType.CATCHINGBLOCKS,
  blockchain_api.FSMStateType.LEGACYSYNCING,
]);

/** A PeerFailure notification's metadata (reference-peer-registry.md §5.4). */
export interface PeerFailure {
  readonly peerId: string;
  /** `catchup`, `block`, `subtree`, … */
  readonly failureType: string;
  readonly reason: string;
}

/**
 * Follows Teranode's blockchain service (reference-service.md §1.6): announces own blocks and
 * subtrees on gossip unless the FSM says the node is syncing or it runs listen_only, keeps the
 * chain view (for node_status, the handshake and the sync coordinator), passes on own block
 * announcements and PeerFailure notifications, and re-subscribes with backoff whenever the
 * stream ends; from the host's start until before it stops. On a legacy network
 * (p2p_mining_on_enabled) it also announces mining-on: Teranode v0.10's blockchain service sent
 * notification type 3 (MiningOn, `NotUsed` since v0.11) when the node started mining on a block.
 */
@Injectable()
export class BlockchainListener {
  /** The chain as the blockchain service last described it (empty until it answers). */
  view: ChainView = NO_CHAIN;
  /** Told after each own block announced: node_status follows it (reference-service.md §2.6). */
  readonly ownBlockListeners = new Set<() => void>();
  /** Told of every PeerFailure notification (block validation sends them even while syncing). */
  readonly peerFailureListeners = new Set<(failure: PeerFailure) => void>();
  private readonly client: BlockchainClient;
  private persisterTimer: NodeJS.Timeout | undefined;
  private readingPersister = false;
  private stream: ReturnType<BlockchainClient['subscribe']> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private readonly peerId: string;
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectSettings()
    private readonly settings: Pick<
      Settings,
      | 'blockchain_grpc_address'
      | 'listen_mode'
      | 'asset_httpAddress'
      | 'asset_httpPublicAddress'
      | 'p2p_mining_on_enabled'
      | 'p2p_allow_private_ips'
    > &
      GrpcClientSettings,
    @InjectHost() host: Libp2pHost,
    @Inject(GossipPublisher) private readonly publisher: GossipPublisher,
  ) {
    this.peerId = host.peerId.toString();
    this.client = new BlockchainClient(settings.blockchain_grpc_address, settings);
  }

  onApplicationBootstrap(): void {
    this.warnOfUnreachableDataHubUrl();
    void this.connect();
    // Teranode reads the persister height for every node_status it builds (every 10 s); here
    // also on each new block, before the node_status that follows an own block.
    this.persisterTimer = setInterval(
      () => void this.refreshPersisterHeight(),
      NODE_STATUS_INTERVAL_MS,
    );
    this.persisterTimer.unref();
  }

  /** A node whose own network allows private URLs is taken to be in such a network (local). */
  private warnOfUnreachableDataHubUrl(): void {
    if (this.settings.listen_mode === 'listen_only' || this.settings.p2p_allow_private_ips) return;
    const warning = advertisedUrlWarning(
      this.dataHubUrl,
      advertisedDataHubUrlSetting(this.settings),
    );
    if (warning !== undefined) this.log.warn(warning);
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.persisterTimer);
    this.stream?.cancel();
    this.client.close();
  }

  private get dataHubUrl(): string {
    return advertisedDataHubUrl(this.settings);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      // Both, or neither: a view saying RUNNING at height 0 would have the sync coordinator
      // choose a sync peer as if this node had no blocks.
      const state = await this.client.fsmState();
      this.setBest(await this.client.bestBlockHeader());
      this.view = { ...this.view, fsmState: blockchain_api.fSMStateTypeToJSON(state) };
      await this.refreshPersisterHeight();
    } catch (error) {
      return this.retry(`blockchain service unreachable: ${(error as Error).message}`);
    }
    const stream = this.client.subscribe(`gossip-node-${this.peerId}`);
    this.stream = stream;
    stream.on('data', (notification: blockchain_api.Notification) => {
      this.failures = 0;
      void this.onNotification(notification).catch((error: Error) =>
        this.log.warn(`handling a blockchain notification failed: ${error.message}`),
      );
    });
    stream.on('error', (error: Error) => {
      if (this.stream === stream) this.retry(`blockchain subscription failed: ${error.message}`);
    });
    stream.on('end', () => {
      if (this.stream === stream) this.retry('blockchain subscription ended');
    });
    this.log.log(
      `subscribed to the blockchain service at ${this.client.address.host}:${this.client.address.port}`,
    );
  }

  private retry(reason: string): void {
    this.stream = undefined;
    if (this.stopped || this.timer) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures++, RECONNECT_DELAYS_MS.length - 1)]!;
    this.log.warn(`${reason}; reconnecting in ${delay} ms`);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, delay);
  }

  private setBest(block: BlockInfo): void {
    this.view = {
      ...this.view,
      bestBlockHash: block.hash,
      bestHeight: block.height,
      minerName: block.miner,
      chainWork: block.chainWorkHex,
    };
  }

  /** Any failure (no block persister: NOT_FOUND) counts as height 0, as in Teranode. */
  private async refreshPersisterHeight(): Promise<void> {
    if (this.readingPersister || this.stopped) return;
    this.readingPersister = true;
    const height = await this.client.blockPersisterHeight().catch(() => 0);
    this.readingPersister = false;
    if (height === this.view.blockPersisterHeight || this.stopped) return;
    this.view = { ...this.view, blockPersisterHeight: height };
  }

  private async refreshFsm(): Promise<blockchain_api.FSMStateType> {
    const state = await this.client.fsmState();
    this.view = { ...this.view, fsmState: blockchain_api.fSMStateTypeToJSON(state) };
    return state;
  }

  private async announcing(): Promise<boolean> {
    if (this.settings.listen_mode !== 'full') return false;
    return !SYNCING.has(await this.refreshFsm());
  }

  private async onNotification(notification: blockchain_api.Notification): Promise<void> {
    switch (notification.type) {
      case model.NotificationType.Block: {
        const block = await this.client.blockHeader(notification.hash);
        this.setBest(block);
        if (!(await this.announcing())) return this.refreshPersisterHeight();
        await this.publisher.publish({
          kind: 'block',
          message: blockMessageCodec.create({
            hash: internalBytesToHash(notification.hash),
            height: block.height,
            dataHubUrl: this.dataHubUrl,
            peerId: this.peerId,
            header: block.headerHex,
          }),
        });
        await this.refreshPersisterHeight();
        for (const listener of this.ownBlockListeners) listener();
        return;
      }
      case model.NotificationType.Subtree:
        if (!(await this.announcing())) return;
        await this.publisher.publish({
          kind: 'subtree',
          message: subtreeMessageCodec.create({
            hash: internalBytesToHash(notification.hash),
            dataHubUrl: this.dataHubUrl,
            peerId: this.peerId,
          }),
        });
        return;
      case model.NotificationType.NotUsed: {
        if (!this.settings.p2p_mining_on_enabled || !(await this.announcing())) return;
        const block = await this.client.blockHeader(notification.hash);
        await this.publisher.publish({
          kind: 'miningOn',
          message: miningOnMessageCodec.create({
            hash: block.hash,
            previousHash: block.previousHash,
            dataHubUrl: this.dataHubUrl,
            peerId: this.peerId,
            height: block.height,
            miner: block.miner,
            sizeInBytes: BigInt(block.sizeInBytes),
            txCount: BigInt(block.txCount),
          }),
        });
        return;
      }
      case model.NotificationType.FSMState:
        await this.refreshFsm();
        return;
      case model.NotificationType.PeerFailure: {
        const metadata = notification.metadata?.metadata ?? {};
        const failure = {
          peerId: metadata['peer_id'] ?? '',
          failureType: metadata['failure_type'] ?? '',
          reason: metadata['reason'] ?? '',
        };
        for (const listener of this.peerFailureListeners) listener(failure);
        return;
      }
      default:
        return;
    }
  }
}
