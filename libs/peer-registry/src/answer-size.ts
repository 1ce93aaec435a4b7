/**
 * The most one List or GetPeersForCatchup answer carries, below the 4 MiB every gRPC client
 * takes by default (grpc-js, grpc-go: Teranode's services ask gossip-node for these lists).
 */
export const LIST_ANSWER_MAX_BYTES = 3 * 1024 * 1024;

/** A repeated field's tag and length in front of each item. */
const ITEM_FRAMING_BYTES = 4;

/**
 * How big an answer is: an item at most (cheap, from its texts), all items exactly (one
 * encoding of the whole answer), an item exactly (encoded on its own).
 */
export interface AnswerItemSize<T> {
  atMost(item: T): number;
  allExactly(items: readonly T[]): number;
  exactly(item: T): number;
}

/** The UTF-8 bytes of the texts an item carries plus `otherBytes` for the rest of it. */
export function textBytes(texts: readonly (string | undefined)[], otherBytes: number): number {
  let bytes = otherBytes;
  for (const text of texts) if (text !== undefined) bytes += Buffer.byteLength(text);
  return bytes;
}

/**
 * The leading items (lists are best first) whose answer stays within `maxBytes`. Only when the
 * cheap upper bound says the whole list may not fit is it encoded to measure it, and only when
 * it does not fit are the items measured one by one.
 */
export function withinAnswerSize<T>(
  items: readonly T[],
  size: AnswerItemSize<T>,
  maxBytes = LIST_ANSWER_MAX_BYTES,
): T[] {
  let bound = 0;
  for (const item of items) bound += size.atMost(item) + ITEM_FRAMING_BYTES;
  if (bound <= maxBytes || size.allExactly(items) <= maxBytes) return [...items];
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += size.exactly(items[i]!) + ITEM_FRAMING_BYTES;
    if (bytes > maxBytes) return items.slice(0, i);
  }
  return [...items];
}
