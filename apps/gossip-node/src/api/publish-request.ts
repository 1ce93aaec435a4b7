import { normaliseHash } from '@teranode-p2p/chain';
import type { gossip_node } from '@teranode-p2p/contracts';
import {
  blockMessageCodec,
  miningOnMessageCodec,
  rejectedTxMessageCodec,
  subtreeMessageCodec,
} from '@teranode-p2p/gossip';
import { invalidArgument } from '@teranode-p2p/service-runtime';
import type { OutboundGossip } from '../gossip/outbound-gossip.js';

function hashOf(field: string, text: string): string {
  try {
    return normaliseHash(text);
  } catch (error) {
    throw invalidArgument(`${field}: ${(error as Error).message}`);
  }
}

/** The gossip message a PublishRequest asks for; the payload's peer ID defaults to our own. */
export function toOutboundGossip(
  request: gossip_node.PublishRequest,
  ownPeerId: string,
): OutboundGossip {
  const { rejected_tx: tx, block, subtree, mining_on: miningOn } = request;
  if (tx) {
    return {
      kind: 'rejectedTx',
      message: rejectedTxMessageCodec.create({
        txId: hashOf('rejected_tx.tx_id', tx.tx_id),
        reason: tx.reason,
        peerId: tx.peer_id || ownPeerId,
      }),
    };
  }
  if (block) {
    return {
      kind: 'block',
      message: blockMessageCodec.create({
        hash: hashOf('block.hash', block.hash),
        height: block.height,
        dataHubUrl: block.data_hub_url,
        peerId: block.peer_id || ownPeerId,
        header: block.header,
        coinbase: block.coinbase,
      }),
    };
  }
  if (subtree) {
    return {
      kind: 'subtree',
      message: subtreeMessageCodec.create({
        hash: hashOf('subtree.hash', subtree.hash),
        dataHubUrl: subtree.data_hub_url,
        peerId: subtree.peer_id || ownPeerId,
      }),
    };
  }
  if (miningOn) {
    return {
      kind: 'miningOn',
      message: miningOnMessageCodec.create({
        hash: hashOf('mining_on.hash', miningOn.hash),
        previousHash: miningOn.previous_hash,
        dataHubUrl: miningOn.data_hub_url,
        peerId: miningOn.peer_id || ownPeerId,
        height: miningOn.height,
        miner: miningOn.miner,
        sizeInBytes: BigInt(miningOn.size_in_bytes),
        txCount: BigInt(miningOn.tx_count),
      }),
    };
  }
  throw invalidArgument(
    'PublishRequest names no message: set one of rejected_tx, block, subtree, mining_on',
  );
}
