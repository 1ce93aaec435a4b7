import type { Connection } from '@libp2p/interface';
import type { p2p_api } from '@teranode-p2p/contracts';
import type { PeerInfo } from '@teranode-p2p/gossip';

/** A remote multiaddr without its trailing /p2p/<id> (the id is reported on its own). */
export function addressWithoutPeer(address: { toString(): string }): string {
  return address.toString().split('/p2p/')[0]!;
}

const seconds = (ms: number | undefined) => (ms === undefined ? 0 : Math.floor(ms / 1000));

/**
 * One connected peer as p2p_api.Peer: its oldest open connection for the address and
 * direction, the registry for what its gossip told us. Byte counters and send/recv sizes are
 * not tracked by libp2p without a metrics implementation, so they stay 0; banscore comes from
 * ban-service.
 */
export function toApiPeer(
  connections: readonly Connection[],
  info: PeerInfo | undefined,
  localAddress: string,
): p2p_api.Peer {
  const first = [...connections].sort((a, b) => a.timeline.open - b.timeline.open)[0]!;
  const rtt = connections.find((c) => c.rtt !== undefined)?.rtt;
  return {
    id: first.remotePeer.toString(),
    addr: addressWithoutPeer(first.remoteAddr),
    addrLocal: localAddress,
    services: '',
    lastSend: 0,
    lastRecv: seconds(info?.lastMessageAt || undefined),
    sendSize: 0,
    recvSize: 0,
    sendMemory: 0,
    pauseSend: false,
    unpauseSend: false,
    bytesSent: 0,
    bytesReceived: 0,
    avgRecvBandwidth: 0,
    assocId: '',
    streamPolicy: '',
    inbound: first.direction === 'inbound',
    connTime: seconds(first.timeline.open),
    pingTime: rtt === undefined ? 0 : Math.round(rtt * 1000),
    timeOffset: 0,
    version: 0,
    subVer: info?.userAgent || info?.clientName || '',
    startingHeight: info?.height ?? 0,
    currentHeight: info?.height ?? 0,
    banscore: 0,
    whitelisted: false,
    feeFilter: 0,
  };
}
