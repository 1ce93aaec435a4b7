import type { GossipSub } from '@libp2p/gossipsub';

/**
 * go-libp2p-pubsub prunes a topic mesh back to D once it has *reached* Dhi
 * (`len(peers) >= Dhi`); @libp2p/gossipsub (17.x) only once it is *over* Dhi. Both refuse
 * inbound GRAFTs at Dhi, so a js mesh that fills up to Dhi stays there and is never pruned:
 * in netsim's 20-node network every connection ended up in our nodes' meshes (8.5–9.1 mesh
 * peers of 9.9 connections, Go's 6.7–7.6), and every message arrived about 1.4 times as often
 * as on Go's nodes. This makes the heartbeat prune at Dhi, as Go does; GRAFT handling and
 * every other parameter stay as they are.
 */
export function pruneMeshAtDhi(router: GossipSub): GossipSub {
  const heartbeating = router as unknown as HeartbeatingRouter;
  const upstream = heartbeating.heartbeat;
  if (typeof upstream !== 'function' || typeof heartbeating.opts?.Dhi !== 'number')
    throw new Error('@libp2p/gossipsub changed: GossipSub.heartbeat or opts.Dhi is gone');
  heartbeating.heartbeat = function (this: HeartbeatingRouter): Promise<void> {
    const dhi = this.opts.Dhi;
    // The heartbeat reads Dhi once, before its first await, and compares `size > Dhi`.
    this.opts.Dhi = dhi - 1;
    try {
      return upstream.call(this);
    } finally {
      this.opts.Dhi = dhi;
    }
  };
  return router;
}

/** The members of GossipSub this uses (not part of its typed interface). */
interface HeartbeatingRouter {
  opts: { Dhi: number };
  heartbeat(): Promise<void>;
}
