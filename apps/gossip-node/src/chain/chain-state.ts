import { NO_CHAIN, type ChainView } from '../node/own-status.js';
import type { ChainHooks, PeerFailure } from './blockchain-listener.js';

/** What the blockchain service last said of the chain, passed on to the parts that follow it. */
export class ChainState implements ChainHooks {
  view: ChainView = NO_CHAIN;
  /** Told after each own block the node announced. */
  readonly ownBlockListeners = new Set<() => void>();
  /** Told of every PeerFailure notification. */
  readonly peerFailureListeners = new Set<(failure: PeerFailure) => void>();

  onChain(view: ChainView): void {
    this.view = view;
  }

  onOwnBlockAnnounced(): void {
    for (const listener of this.ownBlockListeners) listener();
  }

  onPeerFailure(failure: PeerFailure): void {
    for (const listener of this.peerFailureListeners) listener(failure);
  }
}
