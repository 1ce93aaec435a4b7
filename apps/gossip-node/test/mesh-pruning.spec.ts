import { afterAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
// gossipsub's D and Dhi, the same in go-libp2p-pubsub and in our tuning.
const D = 6;
const DHI = 12;

/** The mesh of one topic (js-gossipsub has it, its typed interface does not). */
const meshOf = (host: Libp2pHost): string[] =>
  (host.services.pubsub as unknown as { getMeshPeers(topic: string): string[] }).getMeshPeers(
    TOPIC,
  );

// A hub and Dhi peers that each know only the hub: every one of them grafts it. Go prunes a
// mesh that has reached Dhi back to D at its next heartbeat; js-gossipsub as shipped keeps a
// mesh at Dhi forever (it prunes only above Dhi and refuses GRAFTs at Dhi).
describe('the gossipsub mesh of a node that peers keep grafting', () => {
  const hosts: Libp2pHost[] = [];

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
  });

  it('is pruned back to D once it has reached Dhi, and the pruned peers connect to the peers its PRUNE names, as go-libp2p-pubsub with peer exchange does', async () => {
    const hub = await startTestPeer({ dhtMode: 'off' });
    hosts.push(hub);
    const pubsub = hub.services.pubsub;
    pubsub.subscribe(TOPIC);
    const pruned: string[] = [];
    pubsub.addEventListener('gossipsub:prune', ({ detail }) => {
      if (detail.direction === 'outbound' && detail.topic === TOPIC) pruned.push(detail.peerId);
    });
    let largest = 0;
    const sampler = setInterval(() => {
      largest = Math.max(largest, meshOf(hub).length);
    }, 5);
    try {
      const address = hub.getMultiaddrs()[0]!.toString();
      for (let i = 0; i < DHI; i++) {
        const spoke = await startTestPeer({ dhtMode: 'off' });
        hosts.push(spoke);
        await dialAndSubscribe(spoke, address, [TOPIC]);
      }
      await waitFor(`the hub's mesh to reach Dhi (${DHI})`, () => largest >= DHI);
      await waitFor(`the hub's mesh to be pruned back to D (${D})`, () => meshOf(hub).length === D);
    } finally {
      clearInterval(sampler);
    }
    expect(pruned).toHaveLength(DHI - D);
    // The PRUNEs are on their way when the hub's mesh is at D: wait for the spokes to read them.
    const hubId = hub.peerId.toString();
    const meshedWithHub = () =>
      hosts
        .slice(1)
        .filter((spoke) => meshOf(spoke).includes(hubId))
        .map((spoke) => spoke.peerId.toString());
    await waitFor(`${DHI - D} spokes to leave the hub out of their mesh`, () =>
      meshedWithHub().every((spoke) => !pruned.includes(spoke)),
    ).catch(() => undefined);
    expect(meshedWithHub().sort()).toEqual(
      hosts
        .slice(1)
        .map((spoke) => spoke.peerId.toString())
        .filter((spoke) => !pruned.includes(spoke))
        .sort(),
    );
    // Each spoke knew only the hub; a pruned one learns other spokes from the PRUNE (PX).
    const spokes = new Set(hosts.slice(1).map((spoke) => spoke.peerId.toString()));
    const prunedSpokes = hosts.filter((host) => pruned.includes(host.peerId.toString()));
    await waitFor('every pruned spoke to connect to another spoke', () =>
      prunedSpokes.every((spoke) => spoke.getPeers().some((peer) => spokes.has(peer.toString()))),
    );
  }, 60_000);
});
