import type { ConnectionGater, MultiaddrConnection, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import {
  applyBanEvent,
  BanSet,
  BanTargetError,
  parseAddressTarget,
  type BanEventOutcome,
  type BanRecord,
} from '@teranode-p2p/ban-rules';
import type { p2p_events } from '@teranode-p2p/contracts';

/** The IP of an /ip4 or /ip6 multiaddr, or undefined (DNS names are checked once resolved). */
function ipOf(address: Multiaddr): string | undefined {
  return address.getComponents().find((c) => c.name === 'ip4' || c.name === 'ip6')?.value;
}

/**
 * This node's copy of the ban state (ban-service is the authority) and the libp2p connection
 * gater built on it: banned IPs/subnets and peer IDs are refused in both directions.
 */
export class BanGate {
  readonly bans: BanSet;

  constructor(maxEntries: number) {
    this.bans = new BanSet({ maxEntries });
  }

  isPeerBanned(peerId: string, nowMs = Date.now()): boolean {
    return this.bans.peerBan(peerId, nowMs) !== undefined;
  }

  isAddressBanned(address: Multiaddr, nowMs = Date.now()): boolean {
    const ip = ipOf(address);
    if (ip === undefined) return false;
    try {
      return this.bans.isAddressBanned(parseAddressTarget(ip), nowMs);
    } catch (error) {
      if (error instanceof BanTargetError) return false;
      throw error;
    }
  }

  /** Adds a ban; false when it was refused because the copy is full. */
  put(record: BanRecord): boolean {
    return this.bans.put(record);
  }

  /** Applies one BanEvent (callers close matching connections when it added a ban). */
  apply(event: p2p_events.BanEvent): BanEventOutcome {
    return applyBanEvent(this.bans, event);
  }

  connectionGater(): ConnectionGater {
    const deniedConnection = (peerId: PeerId, connection: MultiaddrConnection) =>
      this.isPeerBanned(peerId.toString()) || this.isAddressBanned(connection.remoteAddr);
    return {
      denyDialPeer: (peerId) => this.isPeerBanned(peerId.toString()),
      denyDialMultiaddr: (address) => this.isAddressBanned(address),
      denyInboundConnection: (connection) => this.isAddressBanned(connection.remoteAddr),
      denyInboundEncryptedConnection: deniedConnection,
      denyOutboundEncryptedConnection: deniedConnection,
    };
  }
}
