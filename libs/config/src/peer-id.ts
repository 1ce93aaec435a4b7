/**
 * Structural check of a libp2p peer ID in its base58btc form: `12D3KooW…` (identity multihash
 * of an Ed25519 or other small key), `Qm…` (sha2-256 multihash of an RSA key) or `16Uiu2…`
 * (secp256k1). No cryptography: it checks that the text decodes to a well-formed multihash.
 */

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const MULTIHASH_IDENTITY = 0x00;
const MULTIHASH_SHA2_256 = 0x12;
const MAX_IDENTITY_LENGTH = 42;

function decodeBase58(text: string): Uint8Array | undefined {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58_ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  for (const char of text) {
    if (char !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

export function isPeerId(text: string): boolean {
  if (text.length < 40 || text.length > 64) return false;
  const bytes = decodeBase58(text);
  if (bytes === undefined || bytes.length < 2) return false;
  const [code, length] = bytes as unknown as [number, number];
  const digestLength = bytes.length - 2;
  if (code === MULTIHASH_IDENTITY) return length === digestLength && length <= MAX_IDENTITY_LENGTH;
  if (code === MULTIHASH_SHA2_256) return length === 32 && digestLength === 32;
  return false;
}
