import { afterEach, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { Connection } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { ping } from '@libp2p/ping';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { waitFor } from '@teranode-p2p/testing';
import { createLibp2p, type Libp2p } from 'libp2p';
import {
  ConnectionLiveness,
  connectionLiveness,
  pingingMuxerOf,
  type PingResult,
} from '../src/host/connection-liveness.js';
import { startTestPeer } from './support/test-peer.js';

const INTERVAL_MS = 200;
const TIMEOUT_MS = 150;

const nodes: { stop(): void | Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((node) => node.stop()));
});

/** A node on 127.0.0.1 with the wire gossip-node uses and the liveness pings (short interval). */
async function startNode(abortOnFailure: boolean, results: PingResult[] = []): Promise<Libp2p> {
  const node = await createLibp2p({
    privateKey: await generateKeyPair('Ed25519'),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux({ enableKeepAlive: false })],
    connectionMonitor: { enabled: false },
    services: {
      ping: ping(),
      liveness: connectionLiveness({
        abortOnFailure,
        intervalMs: INTERVAL_MS,
        minTimeoutMs: TIMEOUT_MS,
        maxTimeoutMs: TIMEOUT_MS,
        onPing: (result) => results.push(result),
      }),
    },
  });
  nodes.push(node);
  return node;
}

async function connect(from: Libp2p, to: Libp2p): Promise<[Connection, Connection]> {
  const outbound = await from.dial(to.getMultiaddrs()[0]!);
  await waitFor('the inbound side of the connection', () => to.getConnections().length === 1);
  return [outbound, to.getConnections()[0]!];
}

/** Two connected nodes; `a` reports its pings' results into `results`. */
async function connectedPair(abortOnFailure: boolean) {
  const results: PingResult[] = [];
  const a = await startNode(abortOnFailure, results);
  const b = await startNode(abortOnFailure);
  const [outbound, inbound] = await connect(a, b);
  return { a, b, outbound, inbound, results };
}

type PingFrameHeader = { flag: number; length: number };
type PingHandler = (header: PingFrameHeader) => void;

/** Replaces how a connection's yamux muxer answers ping frames; returns the original. */
function answerPingsWith(connection: Connection, handler: (original: PingHandler) => PingHandler) {
  const muxer = pingingMuxerOf(connection) as unknown as { handlePing: PingHandler };
  const original = muxer.handlePing.bind(muxer);
  muxer.handlePing = handler(original);
  return () => {
    muxer.handlePing = original;
  };
}

const SYN = 1;

describe('connection liveness pings', () => {
  it('ping every connection with yamux ping frames, set its rtt and open no stream', async () => {
    const { b, outbound: connection, results } = await connectedPair(true);
    let streamsOpened = 0;
    const newStream = connection.newStream.bind(connection);
    connection.newStream = (...args) => {
      streamsOpened++;
      return newStream(...args);
    };
    const peer = b.peerId.toString();
    await waitFor('three pings of b', () => results.filter((r) => r.peer === peer).length >= 3);
    expect(results.filter((r) => r.peer === peer).every((r) => r.outcome === 'ok')).toBe(true);
    expect(typeof connection.rtt).toBe('number');
    expect(connection.rtt).toBeGreaterThanOrEqual(0);
    expect(connection.rtt).toBeLessThan(TIMEOUT_MS);
    expect(streamsOpened).toBe(0);
    expect(connection.status).toBe('open');
  }, 20_000);

  it('close a connection whose peer stops answering when told to', async () => {
    const { b, outbound, inbound, results } = await connectedPair(true);
    answerPingsWith(inbound, (original) => (header) => {
      if (header.flag !== SYN) original(header);
    });
    await waitFor('a to close the silent connection', () => outbound.status !== 'open');
    const failure = results.find((r) => r.outcome !== 'ok');
    expect(failure).toMatchObject({ outcome: 'timeout', peer: b.peerId.toString(), closed: true });
    await waitFor('b to see the connection closed', () => b.getConnections().length === 0);
  }, 20_000);

  it('keep a connection whose answers come late when told not to close, and recover', async () => {
    const { outbound, inbound, results } = await connectedPair(false);
    // Every answer arrives after the timeout: yamux must not see an unrequested pong.
    const restore = answerPingsWith(inbound, (original) => (header) => {
      if (header.flag === SYN) setTimeout(() => original(header), TIMEOUT_MS * 2);
      else original(header);
    });
    await waitFor(
      'three late answers',
      () => results.filter((r) => r.outcome === 'timeout').length >= 3,
    );
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
    expect(outbound.status).toBe('open');
    expect(inbound.status).toBe('open');
    expect(results.filter((r) => r.outcome !== 'ok').every((r) => !r.closed)).toBe(true);
    restore();
    const seen = results.length;
    await waitFor('a ping answered in time again', () =>
      results.slice(seen).some((r) => r.outcome === 'ok'),
    );
    expect(outbound.status).toBe('open');
  }, 20_000);

  it('keep one unanswered ping per connection and report every interval it stays unanswered', async () => {
    const { outbound, inbound, results } = await connectedPair(false);
    let requests = 0;
    answerPingsWith(inbound, (original) => (header) => {
      if (header.flag === SYN) requests++;
      else original(header);
    });
    await waitFor(
      'five timeouts',
      () => results.filter((r) => r.outcome === 'timeout').length >= 5,
    );
    expect(requests).toBe(1);
    expect(outbound.status).toBe('open');
  }, 20_000);

  it('stop pinging when the node stops', async () => {
    const { a, results } = await connectedPair(true);
    await waitFor('a first ping', () => results.length >= 1);
    await a.stop();
    const seen = results.length;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 3));
    expect(results.length).toBe(seen);
  }, 20_000);
});

describe("gossip-node's host", () => {
  it("runs the liveness pings instead of libp2p's stream-opening connection monitor", async () => {
    const host = await startTestPeer({ dhtMode: 'off' });
    nodes.push(host);
    const services = host.services as Record<string, unknown>;
    expect(services['liveness']).toBeInstanceOf(ConnectionLiveness);
  });
});
