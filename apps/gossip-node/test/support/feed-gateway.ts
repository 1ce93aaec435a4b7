import { freePort, spawnApp, uniqueName, type SpawnedApp } from '@teranode-p2p/testing';
import WebSocket from 'ws';

export interface FeedFrame {
  type: string;
  peer_id?: string;
}

export interface FeedClient {
  /** Every frame but the PING keepalive, in arrival order. */
  readonly frames: FeedFrame[];
  close(): void;
}

/** The built ws-gateway as its own process, reading the P2PEvents of `env` (brokers, topic). */
export async function startFeedGateway(
  env: Record<string, string>,
): Promise<{ app: SpawnedApp; url: string }> {
  const port = await freePort();
  const app = await spawnApp('ws-gateway', {
    env: {
      KAFKA_BROKERS: env['KAFKA_BROKERS']!,
      KAFKA_P2P_EVENTS: env['KAFKA_P2P_EVENTS']!,
      p2p_http_listen_address: `127.0.0.1:${port}`,
      ws_replica_name: uniqueName('replica'),
      ws_ping_interval: '1h',
    },
    readyWhen: /ws-gateway ready/,
  });
  return { app, url: `ws://127.0.0.1:${port}/p2p-ws` };
}

/** A WebSocket client of the feed that keeps what it receives. */
export async function connectFeed(url: string): Promise<FeedClient> {
  const socket = new WebSocket(url);
  const frames: FeedFrame[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as FeedFrame;
    if (frame.type !== 'PING') frames.push(frame);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { frames, close: () => socket.terminate() };
}
