import { privateKeyFromRaw } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import type { Settings } from '@teranode-p2p/config';
import { parseEd25519KeyHex } from '@teranode-p2p/gossip';
import { connectDatabase } from '@teranode-p2p/database';
import { loadOrCreateNodeKey } from './node-key.store.js';

export interface NodeKey {
  readonly key: PrivateKey;
  readonly source: 'setting' | 'database (created)' | 'database';
}

/** p2p_private_key when set, else the key stored in Postgres under the node's name. */
export async function resolveNodeKey(
  settings: Pick<
    Settings,
    'p2p_private_key' | 'p2p_node_name' | 'clientName' | 'DATABASE_URL' | 'data_dir'
  >,
): Promise<NodeKey> {
  if (settings.p2p_private_key !== undefined) {
    return {
      key: privateKeyFromRaw(parseEd25519KeyHex(settings.p2p_private_key).raw),
      source: 'setting',
    };
  }
  const database = await connectDatabase({
    url: settings.DATABASE_URL,
    dataDir: settings.data_dir,
    applicationName: 'gossip-node',
  });
  try {
    const { key, created } = await loadOrCreateNodeKey(
      database.dataSource,
      settings.p2p_node_name ?? settings.clientName,
    );
    return { key, source: created ? 'database (created)' : 'database' };
  } finally {
    await database.close();
  }
}
