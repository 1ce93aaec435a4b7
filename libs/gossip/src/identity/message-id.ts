/**
 * go-libp2p-pubsub's DefaultMsgIdFn: the author's peer-ID multihash bytes ‖ the 8-byte
 * big-endian seqno (reference-wire.md §4.3). js gossipsub's default drops the multihash
 * prefix; using Go's form keeps IHAVE/IWANT/IDONTWANT consistent with Go peers.
 */
export function goPubsubMessageId(authorMultihash: Uint8Array, seqno: bigint): Uint8Array {
  const id = new Uint8Array(authorMultihash.length + 8);
  id.set(authorMultihash);
  new DataView(id.buffer).setBigUint64(authorMultihash.length, BigInt.asUintN(64, seqno));
  return id;
}
