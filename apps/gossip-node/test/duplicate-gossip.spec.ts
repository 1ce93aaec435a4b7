import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import {
  routeEd25519Verification,
  type Ed25519Verifier,
} from '../src/host/ed25519-verification-route.js';
import { goFastMessageId } from '../src/host/gossipsub-options.js';
import { verifyEd25519, Ed25519KeyCache } from '../src/host/ed25519-worker.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';

describe('goFastMessageId', () => {
  const from = Uint8Array.from([0, 36, 8, 1, 18, 32, ...new Array(32).fill(7)]);
  const seqno = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 42]);
  it('is the same for copies of a message and differs between messages', () => {
    const id = goFastMessageId({ from, seqno, topic: TOPIC, data: new Uint8Array([1]) });
    expect(goFastMessageId({ from, seqno, topic: TOPIC, data: new Uint8Array([2]) })).toBe(id);
    expect(
      goFastMessageId({ from, seqno: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 43]), topic: TOPIC }),
    ).not.toBe(id);
    expect(goFastMessageId({ from: from.slice(1), seqno, topic: TOPIC })).not.toBe(id);
  });
  it('is empty without an author or sequence number (StrictSign rejects those)', () => {
    expect(goFastMessageId({ seqno, topic: TOPIC })).toBe('');
    expect(goFastMessageId({ from, topic: TOPIC })).toBe('');
  });
});

// A publishes; B and C are connected to A and to each other, so C gets the message from A
// and again from B. Only the first copy at each receiver has its signature checked.
describe('copies of a gossip message in a triangle', () => {
  const hosts: Libp2pHost[] = [];
  const checked: Uint8Array[] = [];
  const keys = new Ed25519KeyCache(16);
  const counting: Ed25519Verifier = {
    verify: (publicKey, data, signature) => {
      checked.push(data);
      return verifyEd25519(keys, publicKey, data, signature);
    },
  };
  let unroute: () => void = () => {};

  beforeAll(async () => {
    unroute = routeEd25519Verification(counting);
    for (let i = 0; i < 3; i++) hosts.push(await startTestPeer());
    const [a, b, c] = hosts as [Libp2pHost, Libp2pHost, Libp2pHost];
    const address = (host: Libp2pHost) => host.getMultiaddrs()[0]!.toString();
    a.services.pubsub.subscribe(TOPIC);
    await dialAndSubscribe(b, address(a), [TOPIC]);
    await dialAndSubscribe(c, address(a), [TOPIC]);
    await dialAndSubscribe(c, address(b), [TOPIC]);
    // meshes form on the heartbeat (1 s)
    await new Promise((resolve) => setTimeout(resolve, 2500));
  }, 30_000);

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    unroute();
  });

  it('checks the signature once per receiver, not once per copy', async () => {
    const [a, b, c] = hosts as [Libp2pHost, Libp2pHost, Libp2pHost];
    const marker = new TextEncoder().encode(`copies-${Date.now()}`);
    const received: string[] = [];
    for (const [name, host] of [
      ['b', b],
      ['c', c],
    ] as const)
      host.services.pubsub.addEventListener('message', (event) => {
        if (Buffer.from(event.detail.data).equals(marker)) received.push(name);
      });
    await a.services.pubsub.publish(TOPIC, marker);
    await waitFor('b and c to receive the message', () => received.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the copies via b and c
    expect(received.sort()).toEqual(['b', 'c']);
    const checksOfMarker = checked.filter((data) =>
      Buffer.from(data).includes(Buffer.from(marker)),
    );
    expect(checksOfMarker).toHaveLength(2);
  });
});
