import { describe, expect, it } from '@jest/globals';
import { kafkamessage } from '@teranode-p2p/contracts';
import { BadRecordError } from './bad-record-error.js';
import { decodeInvalidBlock, decodeInvalidSubtree, decodeRejectedTx } from './teranode-inputs.js';

const HASH = '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d';
const bytes = (u: Uint8Array) => Buffer.from(u);

describe('Teranode input records', () => {
  it('decodes invalid-blocks, invalid-subtrees and rejectedtx records with normalised hashes', () => {
    expect(
      decodeInvalidBlock(
        bytes(
          kafkamessage.KafkaInvalidBlockTopicMessage.encode({
            blockHash: HASH.toUpperCase(),
            reason: 'bad merkle root',
          }).finish(),
        ),
      ),
    ).toEqual({ hash: HASH, reason: 'bad merkle root' });
    expect(
      decodeInvalidSubtree(
        bytes(
          kafkamessage.KafkaInvalidSubtreeTopicMessage.encode({
            subtreeHash: HASH,
            peerUrl: 'https://x/api/v1',
            reason: 'r',
          }).finish(),
        ),
      ),
    ).toEqual({ hash: HASH, peerUrl: 'https://x/api/v1', reason: 'r' });
    expect(
      decodeRejectedTx(
        bytes(
          kafkamessage.KafkaRejectedTxTopicMessage.encode({
            txHash: HASH,
            reason: 'double spend',
            peer_id: '',
          }).finish(),
        ),
      ),
    ).toEqual({ txHash: HASH, reason: 'double spend', peerId: '' });
  });

  it.each([
    [
      'invalid block garbage',
      () => decodeInvalidBlock(Buffer.from('garbage!')),
      'not a protobuf KafkaInvalidBlockTopicMessage',
    ],
    [
      'invalid block without hash',
      () =>
        decodeInvalidBlock(
          bytes(
            kafkamessage.KafkaInvalidBlockTopicMessage.encode({
              blockHash: '',
              reason: 'r',
            }).finish(),
          ),
        ),
      'blockHash is empty',
    ],
    [
      'invalid block with a bad hash',
      () =>
        decodeInvalidBlock(
          bytes(
            kafkamessage.KafkaInvalidBlockTopicMessage.encode({
              blockHash: 'xyz',
              reason: 'r',
            }).finish(),
          ),
        ),
      'blockHash: hash "xyz" is not hexadecimal',
    ],
    [
      'invalid subtree empty',
      () => decodeInvalidSubtree(null),
      'empty record, expected KafkaInvalidSubtreeTopicMessage',
    ],
    [
      'rejected tx with a bad hash',
      () =>
        decodeRejectedTx(
          bytes(
            kafkamessage.KafkaRejectedTxTopicMessage.encode({
              txHash: 'nothex',
              reason: '',
              peer_id: '',
            }).finish(),
          ),
        ),
      'txHash: hash "nothex" is not hexadecimal',
    ],
  ])('%s → BadRecordError', (_what, decode, message) => {
    expect(decode).toThrow(BadRecordError);
    expect(decode).toThrow(message);
  });
});
