import type { ConnectionGater, MultiaddrConnection, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import {
  BanSet,
  BanTargetError,
  parseAddressTarget,
  type BanRecord,
} from '@teranode-p2p/ban-rules';
import { p2p_events } from '@teranode-p2p/contracts';
import { banKindOf, recordFromEvent } from './ban-records.js';

/** The IP of an /ip4 or /ip6 multiaddr, or undefined (DNS names are checked once resolved). */
function ipOf(address: Multiaddr): string | undefined {
  return address.getComponents().find((c) => c.name === 'ip4' || c.name === 'ip6')?.value;
}

/**
 * This node's copy of the ban state (ban-service is the authority) and the libp2p connection
 * gater built on it: banned IPs/subnets and peer IDs are refused in both directions.
 */
export class BanGate {
  readonly bans = new BanSet();

  constructor(private readonly maxEntries: number) {}

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
    if (
      this.bans.size >= this.maxEntries &&
      this.bans.getExact(record.kind, record.value) === undefined
    )
      return false;
    this.bans.put(record);
    return true;
  }

  /**
   * Applies one BanEvent; returns the new ban when it is one (callers then close matching
   * connections). Throws BanTargetError for a value that is not a CIDR or peer ID.
   */
  apply(event: p2p_events.BanEvent): BanRecord | undefined {
    const kind = banKindOf(event.kind);
    switch (event.action) {
      case p2p_events.BanAction.BAN_ACTION_ADDED: {
        const record = recordFromEvent(event);
        return record && this.put(record) ? record : undefined;
      }
      case p2p_events.BanAction.BAN_ACTION_REMOVED:
      case p2p_events.BanAction.BAN_ACTION_EXPIRED:
        if (kind) this.bans.remove(kind, event.value);
        return undefined;
      case p2p_events.BanAction.BAN_ACTION_CLEARED:
        this.bans.clear(kind === undefined ? undefined : kind === 'peer' ? 'peers' : 'addresses');
        return undefined;
      default:
        return undefined;
    }
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
