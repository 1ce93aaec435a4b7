/**
 * The longest texts the registry keeps from what a peer says of itself. A node_status may carry
 * up to p2p_max_message_size (1 MiB) of them, and a handful of such peers made every List and
 * GetPeersForCatchup answer larger than gRPC clients take (4 MiB): a text over its limit is not
 * taken (a cut URL or hash would be a wrong one), the peer keeps what it had.
 */
export const MAX_DATA_HUB_URL_LENGTH = 2048;
/** 32 bytes as hex. */
export const MAX_BLOCK_HASH_LENGTH = 64;
/** `full`, `pruned`, or a short word this registry does not know. */
export const MAX_STORAGE_LENGTH = 16;
export const MAX_NETWORK_ADDRESS_LENGTH = 256;

/** The text when it is within `max` characters, else undefined (not taken). */
export function withinLimit(text: string | undefined, max: number): string | undefined {
  return text !== undefined && text.length <= max ? text : undefined;
}
