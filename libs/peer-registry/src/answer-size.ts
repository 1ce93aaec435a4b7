/**
 * The most one List or GetPeersForCatchup answer carries, below the 4 MiB every gRPC client
 * takes by default (grpc-js, grpc-go: Teranode's services ask gossip-node for these lists).
 */
export const LIST_ANSWER_MAX_BYTES = 3 * 1024 * 1024;

/** Protobuf's own bytes of a peer besides its texts: tags, lengths and numbers. */
const NUMBERS_AND_TAGS_BYTES = 256;

/** About the encoded size of a peer in an answer, from the texts it carries. */
export function answerBytes(texts: readonly (string | undefined)[]): number {
  let bytes = NUMBERS_AND_TAGS_BYTES;
  for (const text of texts) if (text !== undefined) bytes += Buffer.byteLength(text);
  return bytes;
}

/** The leading items (lists are best first) whose answer stays within `maxBytes`. */
export function withinAnswerSize<T>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  maxBytes = LIST_ANSWER_MAX_BYTES,
): T[] {
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += bytesOf(items[i]!);
    if (bytes > maxBytes) return items.slice(0, i);
  }
  return [...items];
}
