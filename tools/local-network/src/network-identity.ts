import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateKeyPair, privateKeyFromRaw } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';

export interface NodeIdentity {
  name: string;
  privateKeyHex: string;
  peerId: string;
}

/** What makes a local network the same network on its next start: keys, shared key, admin key. */
export interface NetworkIdentity {
  sharedKeyHex: string;
  adminApiKey: string;
  nodes: NodeIdentity[];
}

/**
 * Reads the network's identity from `file`, adding nodes when more are asked for than it
 * has, or creates it; so a second start keeps the same peer IDs, shared key and admin key.
 */
export async function loadOrCreateIdentity(
  file: string,
  nodeCount: number,
): Promise<NetworkIdentity> {
  const stored: NetworkIdentity = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as NetworkIdentity)
    : {
        sharedKeyHex: randomBytes(32).toString('hex'),
        adminApiKey: randomBytes(16).toString('hex'),
        nodes: [],
      };
  for (const node of stored.nodes) {
    const key = privateKeyFromRaw(Buffer.from(node.privateKeyHex, 'hex'));
    if (peerIdFromPrivateKey(key).toString() !== node.peerId) {
      throw new Error(
        `${file}: the key of ${node.name} does not match its peer ID; delete the file to start afresh`,
      );
    }
  }
  while (stored.nodes.length < nodeCount) {
    const key = await generateKeyPair('Ed25519');
    stored.nodes.push({
      name: `node${stored.nodes.length + 1}`,
      privateKeyHex: Buffer.from(key.raw).toString('hex'),
      peerId: peerIdFromPrivateKey(key).toString(),
    });
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  return { ...stored, nodes: stored.nodes.slice(0, nodeCount) };
}
