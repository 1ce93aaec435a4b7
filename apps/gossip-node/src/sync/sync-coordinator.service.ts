import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { PeerId } from '@libp2p/interface';
import type { Settings } from '@teranode-p2p/config';
import { peer_registry } from '@teranode-p2p/contracts';
import {
  BEHIND_MONITOR_INTERVAL_MS,
  evaluateSyncPeer,
  INITIAL_SYNC_STATE,
  monitorTick,
  onCatchupFailure,
  onPeerDisconnected,
  reputationRecoveryCooldownMs,
  syncTriggerFor,
  triggerSync,
  type SyncCoordinatorState,
  type LastSyncSelection,
  type SyncDecision,
  type SyncPeerSelection,
  type SyncStep,
  type SyncView,
} from '@teranode-p2p/peer-registry';
import type { ServiceBus } from '@teranode-p2p/kafka';
import { InjectBus, InjectMetrics, InjectSettings } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { BlockchainListener, type PeerFailure } from '../chain/blockchain-listener.js';
import { LowReputationSenders } from '../gossip/low-reputation-senders.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import type { SyncPeerView } from '../node/own-status.js';
import { RegistryClient } from '../registry/registry-client.js';
import { DataHubProbe, dataHubsToProbe } from './datahub-probe.js';
import { SyncMetrics, type SyncCause } from './sync-metrics.js';
import { SyncTriggerSender } from './sync-trigger-sender.js';

/** The coordinator's last selection, for operators asking why. */
export interface ExplainedSelection extends LastSyncSelection {
  readonly cause: SyncCause;
}

/**
 * Teranode's SyncCoordinator (reference-peer-registry.md §5) around the pure decisions of
 * @teranode-p2p/peer-registry: the FSM monitor (2 s behind, 15 s caught up), the periodic
 * evaluation, catch-up failures from the blockchain service's PeerFailure notifications and
 * libp2p disconnections. Each step reads the shared registry, decides, and carries out the
 * decisions in order; steps run one at a time.
 */
@Injectable()
export class SyncCoordinatorService implements OnModuleInit, OnModuleDestroy {
  private state: SyncCoordinatorState = INITIAL_SYNC_STATE;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** The last step failed: further failures are not logged until one succeeds. */
  private failing = false;
  private readonly probe = new DataHubProbe();
  private evaluationWaiting = false;
  private readonly trigger: SyncTriggerSender;
  private readonly metrics: SyncMetrics;
  private readonly log = new Logger('SyncCoordinator');
  lastSelection: ExplainedSelection | undefined;
  /** The current sync peer as node_status names it (undefined when there is none). */
  shownSyncPeer: Omit<SyncPeerView, 'connected'> | undefined;

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(BlockchainListener) private readonly chain: BlockchainListener,
    @InjectBus() bus: ServiceBus,
    @Inject(RegistryClient) private readonly registry: RegistryClient,
    @Inject(LowReputationSenders) private readonly lowReputation: LowReputationSenders,
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() metrics: Registry,
  ) {
    this.trigger = new SyncTriggerSender(bus, settings.KAFKA_BLOCKS);
    this.metrics = new SyncMetrics(metrics, () => this.probe.cached);
  }

  get syncPeer(): string | undefined {
    return this.state.syncPeer;
  }

  onModuleInit(): void {
    this.chain.peerFailureListeners.add(this.onPeerFailure);
    this.host.addEventListener('peer:disconnect', this.onDisconnect);
    this.later(BEHIND_MONITOR_INTERVAL_MS, () => this.monitor());
    const every = this.settings.p2p_sync_coordinator_periodic_evaluation_interval;
    // One evaluation waits at most: steps slower than the interval must not pile up.
    const evaluation = setInterval(() => {
      if (this.evaluationWaiting) return;
      this.evaluationWaiting = true;
      void this.step('evaluation', evaluateSyncPeer).finally(
        () => (this.evaluationWaiting = false),
      );
    }, every);
    evaluation.unref();
    this.timers.add(evaluation);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.chain.peerFailureListeners.delete(this.onPeerFailure);
    this.host.removeEventListener('peer:disconnect', this.onDisconnect);
    await this.queue;
    await this.trigger.close();
  }

  /** Runs TriggerSync now (an operator's request, or a test's). */
  triggerNow(): Promise<SyncStep | undefined> {
    return this.step('operator', triggerSync);
  }

  private async monitor(): Promise<void> {
    let nextMs = BEHIND_MONITOR_INTERVAL_MS;
    await this.step('monitor', (state, view) => {
      // Until the best block is known, the node is neither behind nor caught up.
      const { fsmState, bestBlockHash } = this.chain.view;
      const step = monitorTick(state, view, fsmState === 'RUNNING' && bestBlockHash !== '');
      nextMs = step.nextTickMs;
      return step;
    });
    this.later(nextMs, () => this.monitor());
  }

  private readonly onPeerFailure = (failure: PeerFailure): void => {
    if (failure.failureType !== 'catchup') return;
    this.log.warn(`catch-up from ${failure.peerId || 'the sync peer'} failed: ${failure.reason}`);
    void this.step('catchup-failure', (state, view) =>
      onCatchupFailure(state, view, failure.peerId || undefined),
    );
  };

  private readonly onDisconnect = (event: CustomEvent<PeerId>): void => {
    const peerId = event.detail.toString();
    if (peerId !== this.state.syncPeer) return;
    void this.step('disconnect', (state) => onPeerDisconnected(state, peerId));
  };

  /**
   * Queues one coordinator step; a failing registry or bus only postpones the next. A failure is
   * logged when steps start failing, not at every step while the registry stays down.
   */
  private step(
    cause: SyncCause,
    decide: (state: SyncCoordinatorState, view: SyncView) => SyncStep,
  ): Promise<SyncStep | undefined> {
    const run = this.queue.then(async () => {
      if (this.stopped) return undefined;
      try {
        const view = await this.view();
        const step = decide(this.state, view);
        await this.carryOut(step, view, cause);
        if (this.failing) this.log.log(`sync coordination (${cause}) works again`);
        this.failing = false;
        return step;
      } catch (error) {
        const message = `sync coordination (${cause}) failed: ${(error as Error).message}`;
        if (this.failing) this.log.debug(message);
        else this.log.warn(`${message} (logged again once it has worked)`);
        this.failing = true;
        return undefined;
      }
    });
    this.queue = run;
    return run;
  }

  private async view(): Promise<SyncView> {
    const peers = await this.registry.list();
    // The same read tells gossip whose subtrees, rejected txs and node_status to skip.
    this.lowReputation.refresh(peers);
    const localHeight = this.chain.view.bestHeight;
    const nowMs = Date.now();
    const checked = this.settings.p2p_health_check_enabled;
    if (checked) await this.probe.probe(dataHubsToProbe(peers, localHeight, nowMs));
    return {
      peers,
      localHeight,
      nowMs,
      forcedPeerId: this.settings.p2p_force_sync_peer,
      allowPrunedFallback: this.settings.p2p_allow_pruned_node_fallback,
      ...(checked && { healthy: (peer) => this.probe.healthy(peer.dataHubUrl) }),
    };
  }

  private async carryOut(step: SyncStep, view: SyncView, cause: SyncCause): Promise<void> {
    const before = this.state;
    for (const decision of step.decisions) await this.apply(decision, view, before);
    this.state = step.state;
    this.showSyncPeer(view);
    if (step.selection) {
      this.lastSelection = {
        atMs: view.nowMs,
        cause,
        localHeight: view.localHeight,
        selection: step.selection,
      };
      this.metrics.selections.inc({ outcome: step.selection.outcome });
    }
    if (before.syncPeer !== step.state.syncPeer) {
      this.metrics.changes.inc({ cause });
      this.log.log(
        step.state.syncPeer
          ? `sync peer ${step.state.syncPeer} (${cause}, local height ${view.localHeight}; ${describe(step.selection)})`
          : `sync peer ${before.syncPeer} dropped (${cause})`,
      );
    }
  }

  private async apply(
    decision: SyncDecision,
    view: SyncView,
    before: SyncCoordinatorState,
  ): Promise<void> {
    const { Interaction } = peer_registry;
    switch (decision.kind) {
      case 'record-sync-attempt':
        await this.registry.record({
          ...record(decision.peerId),
          interaction: Interaction.SYNC_ATTEMPT,
        });
        return;
      case 'record-failure':
        await this.registry.record({
          ...record(decision.peerId),
          interaction: Interaction.CATCHUP_FAILURE,
        });
        return;
      case 'enter-backoff':
        await this.registry.clearSyncAttempts();
        this.log.log(`no sync peer available: backing off ${decision.windowMs / 1000} s`);
        return;
      case 'recover-reputation':
        await this.registry.reconsiderBadPeers(reputationRecoveryCooldownMs(before.backoff));
        return;
      case 'remove-peer':
        // Teranode drops a disconnected peer from its registry; the shared registry keeps its
        // reputation (other replicas may still be connected) and marks it disconnected.
        return;
      case 'trigger-sync-later':
        this.later(decision.delayMs, () => this.step('reselect', triggerSync));
        return;
      case 'send-sync-trigger':
        return this.sendTrigger(decision.peerId, view);
    }
  }

  /** Hands the current sync peer, as the registry lists it now, to node_status. */
  private showSyncPeer(view: SyncView): void {
    const peerId = this.state.syncPeer;
    if (peerId === undefined) {
      this.shownSyncPeer = undefined;
      return;
    }
    const record = view.peers.find((p) => p.id === peerId);
    const shown = this.shownSyncPeer;
    const sinceMs = shown?.peerId === peerId ? shown.sinceMs : view.nowMs;
    this.shownSyncPeer = {
      peerId,
      height: record?.height ?? 0,
      blockHash: record?.blockHash ?? '',
      sinceMs,
    };
  }

  private async sendTrigger(peerId: string, view: SyncView): Promise<void> {
    const trigger = syncTriggerFor(
      peerId,
      view.peers.find((p) => p.id === peerId),
    );
    if (!trigger.ok) {
      this.metrics.triggers.inc({ outcome: 'no_block_hash' });
      this.log.warn(`no catch-up trigger for ${peerId}: ${trigger.error}`);
      return;
    }
    try {
      await this.trigger.send(trigger.message);
      this.metrics.triggers.inc({ outcome: 'sent' });
    } catch (error) {
      // Teranode keeps the peer as current when the send fails; the monitor retries later.
      this.metrics.triggers.inc({ outcome: 'failed' });
      this.log.warn(`catch-up trigger for ${peerId} not sent: ${(error as Error).message}`);
    }
  }

  private later(delayMs: number, work: () => unknown): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}

function record(peerId: string): peer_registry.RecordRequest {
  return peer_registry.RecordRequest.fromPartial({ peer_id: peerId });
}

/** One line: how the chosen peer ranked, and how many were passed over. */
function describe(selection: SyncPeerSelection | undefined): string {
  if (selection === undefined) return 'no new selection';
  const first = selection.candidates.find((c) => c.peerId === selection.peerId);
  const rank = first
    ? `${selection.outcome}, rank ${first.rank} of ${selection.candidates.length}, reputation ${first.reputationScore.toFixed(1)}`
    : selection.outcome;
  return `${rank}, ${selection.excluded.length} excluded`;
}
