import { describe, expect, it } from '@jest/globals';
import { TypedEventEmitter, type PeerId } from '@libp2p/interface';
import { status } from '@grpc/grpc-js';
import type { RpcException } from '@nestjs/microservices';
import { Registry } from 'prom-client';
import {
  MAX_UNREAD_EVENTS,
  MAX_WATCH_STREAMS,
  PeerEventStreams,
  type PeerEventSource,
} from './peer-event-streams.js';

const peer = { toString: () => '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG' } as PeerId;

function host(): PeerEventSource & { connect(): void } {
  const events = new TypedEventEmitter<{
    'peer:connect': CustomEvent<PeerId>;
    'peer:disconnect': CustomEvent<PeerId>;
  }>();
  return Object.assign(events, {
    getConnections: () => [],
    connect: () => events.safeDispatchEvent('peer:connect', { detail: peer }),
  });
}

describe('PeerEventStreams (WatchPeers)', () => {
  it('ends a stream whose client stops reading, after MAX_UNREAD_EVENTS waiting events', () => {
    const source = host();
    const streams = new PeerEventStreams(source, new Registry());
    const call = { writableNeedDrain: false };
    const received: unknown[] = [];
    let failure: RpcException | undefined;
    streams.watch(call).subscribe({ next: (e) => received.push(e), error: (e) => (failure = e) });
    source.connect();
    call.writableNeedDrain = true; // the client stopped reading
    for (let i = 0; i < MAX_UNREAD_EVENTS; i++) source.connect();
    expect(failure).toBeUndefined();
    source.connect();
    expect(failure?.getError()).toEqual({
      code: status.RESOURCE_EXHAUSTED,
      message: `the client read none of the last ${MAX_UNREAD_EVENTS} peer events`,
    });
    expect(received).toHaveLength(1 + MAX_UNREAD_EVENTS);
    source.connect(); // nothing more for a closed stream
    expect(received).toHaveLength(1 + MAX_UNREAD_EVENTS);
  });

  it('a client that catches up starts counting again', () => {
    const source = host();
    const streams = new PeerEventStreams(source, new Registry());
    const call = { writableNeedDrain: true };
    let failure: unknown;
    streams.watch(call).subscribe({ error: (e) => (failure = e) });
    for (let round = 0; round < 3; round++) {
      call.writableNeedDrain = true;
      for (let i = 0; i < MAX_UNREAD_EVENTS; i++) source.connect();
      call.writableNeedDrain = false;
      source.connect();
    }
    expect(failure).toBeUndefined();
  });

  it(`refuses a stream beyond ${MAX_WATCH_STREAMS} open ones and counts them on /metrics`, async () => {
    const registry = new Registry();
    const streams = new PeerEventStreams(host(), registry);
    const open = Array.from({ length: MAX_WATCH_STREAMS }, () =>
      streams.watch(undefined).subscribe(),
    );
    expect(() => streams.watch(undefined)).toThrow(/already 64 WatchPeers streams open/);
    expect(await registry.getSingleMetricAsString('gossip_node_watch_peers_streams')).toContain(
      `gossip_node_watch_peers_streams ${MAX_WATCH_STREAMS}`,
    );
    open[0]!.unsubscribe();
    expect(() => streams.watch(undefined).subscribe().unsubscribe()).not.toThrow();
    for (const subscription of open) subscription.unsubscribe();
  });
});
