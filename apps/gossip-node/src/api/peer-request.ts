import type { PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { isPeerId, quoteInput } from '@teranode-p2p/config';
import { invalidArgument } from '@teranode-p2p/service-runtime';

// A DNS name has at most 253 characters, so even a relayed address with two host names and
// three peer IDs stays far below this; longer text never reaches the parsers (base58 decoding
// of a peer ID takes time quadratic in its length).
const MAX_PEER_ADDRESS_LENGTH = 1024;

/** ConnectPeer's peer_address: a multiaddr that ends in /p2p/<peer ID>. */
export function peerAddress(text: string): Multiaddr {
  if (text === '') throw invalidArgument('peer_address is empty');
  if (text.length > MAX_PEER_ADDRESS_LENGTH) {
    throw invalidArgument(
      `peer_address ${quoteInput(text)} is too long: a multiaddr has at most ${MAX_PEER_ADDRESS_LENGTH} characters`,
    );
  }
  let address: Multiaddr;
  try {
    address = multiaddr(text);
  } catch {
    throw invalidArgument(
      `peer_address ${quoteInput(text)} is not a multiaddr such as /ip4/192.0.2.1/tcp/9905/p2p/<peer ID>`,
    );
  }
  const last = address.getComponents().at(-1);
  if (last?.name !== 'p2p' || last.value === undefined || !isPeerId(last.value))
    throw invalidArgument(`peer_address ${quoteInput(text)} must end in /p2p/<peer ID>`);
  return address;
}

/** DisconnectPeer's peer_id: a libp2p peer ID. */
export function peerToDisconnect(text: string): PeerId {
  if (text === '') throw invalidArgument('peer_id is empty');
  const refused = () => invalidArgument(`peer_id ${quoteInput(text)} is not a peer ID`);
  if (!isPeerId(text)) throw refused();
  try {
    return peerIdFromString(text);
  } catch {
    throw refused();
  }
}
