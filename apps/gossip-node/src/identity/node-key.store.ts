import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { NodeKeyEntity } from '@teranode-p2p/database';
import type { DataSource } from 'typeorm';

/**
 * The node's identity when p2p_private_key is unset: generated once per node name and kept
 * in `node_keys`. Two replicas starting together both insert-if-absent and then read the one
 * row that won, so they end up with the same key.
 */
export async function loadOrCreateNodeKey(
  dataSource: DataSource,
  nodeName: string,
): Promise<{ key: PrivateKey; created: boolean }> {
  const repository = dataSource.getRepository(NodeKeyEntity);
  const existing = await repository.findOneBy({ nodeName });
  if (existing) return { key: privateKeyFromProtobuf(existing.privateKey), created: false };
  const key = await generateKeyPair('Ed25519');
  const peerId = peerIdFromPrivateKey(key).toString();
  await repository
    .createQueryBuilder()
    .insert()
    .values({
      nodeName,
      privateKey: Buffer.from(privateKeyToProtobuf(key)),
      peerId,
      createdAt: new Date(),
    })
    .orIgnore()
    .execute();
  const stored = await repository.findOneByOrFail({ nodeName });
  return { key: privateKeyFromProtobuf(stored.privateKey), created: stored.peerId === peerId };
}
