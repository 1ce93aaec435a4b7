import { kadDHT, passthroughMapper, removePrivateAddressesMapper } from '@libp2p/kad-dht';
import type { DhtMode, Settings } from '@teranode-p2p/config';

export type DhtSettings = Pick<
  Settings,
  | 'listen_mode'
  | 'p2p_dht_mode'
  | 'p2p_dht_cleanup_interval'
  | 'p2p_dht_use_private'
  | 'p2p_dht_protocol_id'
>;

/** The DHT mode in force: a silent node runs no DHT, whatever p2p_dht_mode says (as Teranode). */
export function dhtModeOf(settings: DhtSettings): DhtMode {
  return settings.listen_mode === 'silent' ? 'off' : settings.p2p_dht_mode;
}

/**
 * Kademlia, or undefined when the mode is off: a private network's own protocol
 * (`/teranode/kad/1.0.0`) keeping every address (private networks run on private addresses),
 * or the public IPFS DHT without private ones. The mode is fixed, not switched on a detected
 * public address as js-libp2p would; the reprovider's run is also the one that deletes expired
 * provider records, so it runs every p2p_dht_cleanup_interval.
 */
export function dhtService(settings: DhtSettings) {
  const mode = dhtModeOf(settings);
  if (mode === 'off') return undefined;
  const common = {
    clientMode: mode === 'client',
    reprovide: { interval: settings.p2p_dht_cleanup_interval },
  };
  return settings.p2p_dht_use_private
    ? kadDHT({
        ...common,
        protocol: `${settings.p2p_dht_protocol_id}/kad/1.0.0`,
        peerInfoMapper: passthroughMapper,
      })
    : kadDHT({
        ...common,
        protocol: '/ipfs/kad/1.0.0',
        peerInfoMapper: removePrivateAddressesMapper,
      });
}
