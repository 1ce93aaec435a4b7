import type { Connection } from '@libp2p/interface';
import type { p2p_api } from '@teranode-p2p/contracts';
import type { PeerInfo } from '@teranode-p2p/gossip';
import type { Traffic } from '../host/connection-traffic.js';

/** A remote multiaddr without its trailing /p2p/<id> (the id is reported on its own). */
export function addressWithoutPeer(address: { toString(): string }): string {
  return address.toString().split('/p2p/')[0]!;
}

const seconds = (ms: number | undefined) => String(ms === undefined ? 0 : Math.floor(ms / 1000));

/**
 * One connected peer as p2p_api.Peer: its oldest open connection for the address and
 * direction, the bytes and last send/receive times of all its connections, the registry for
 * what its gossip told us (lastRecv is the later of the last byte and the last accepted
 * message); banscore comes from ban-service. Bitcoin's send/recv buffer sizes, services, time
 * offset and fee filter have no libp2p counterpart and stay 0.
 */
export function toApiPeer(
  connections: readonly Connection[],
  info: PeerInfo | undefined,
  localAddress: string,
  trafficOf: (connection: Connection) => Traffic,
): p2p_api.Peer {
  const first = [...connections].sort((a, b) => a.timeline.open - b.timeline.open)[0]!;
  const rtt = connections.find((c) => c.rtt !== undefined)?.rtt;
  const traffic = connections.map(trafficOf);
  const sum = (pick: (t: Traffic) => number) => traffic.reduce((n, t) => n + pick(t), 0);
  const latest = (pick: (t: Traffic) => number) => Math.max(0, ...traffic.map(pick));
  return {
    id: first.remotePeer.toString(),
    addr: addressWithoutPeer(first.remoteAddr),
    addrLocal: localAddress,
    services: '',
    lastSend: seconds(latest((t) => t.lastSendAt) || undefined),
    lastRecv: seconds(
      Math.max(
        latest((t) => t.lastRecvAt),
        info?.lastMessageAt ?? 0,
      ) || undefined,
    ),
    sendSize: '0',
    recvSize: '0',
    sendMemory: '0',
    pauseSend: false,
    unpauseSend: false,
    bytesSent: String(sum((t) => t.bytesSent)),
    bytesReceived: String(sum((t) => t.bytesReceived)),
    avgRecvBandwidth: '0',
    assocId: '',
    streamPolicy: '',
    inbound: first.direction === 'inbound',
    connTime: seconds(first.timeline.open),
    pingTime: String(rtt === undefined ? 0 : Math.round(rtt * 1000)),
    timeOffset: '0',
    version: 0,
    subVer: info?.userAgent || info?.clientName || '',
    startingHeight: info?.startingHeight ?? 0,
    currentHeight: info?.height ?? 0,
    banscore: 0,
    whitelisted: false,
    feeFilter: '0',
  };
}
