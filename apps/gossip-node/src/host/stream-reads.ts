import type { Stream } from '@libp2p/interface';

/** Reads a stream's chunks until `done` says so or the remote closes, aborting it past `timeoutMs`. */
async function readStream(
  stream: Stream,
  maxBytes: number,
  timeoutMs: number,
  done: (chunks: Uint8Array[]) => boolean,
): Promise<Uint8Array> {
  const timer = setTimeout(
    () => stream.abort(new Error(`nothing read within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk instanceof Uint8Array ? chunk : chunk.subarray();
      size += bytes.length;
      if (size > maxBytes) throw new Error(`more than ${maxBytes} bytes`);
      chunks.push(bytes);
      if (done(chunks)) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

/** The bytes of the remote's first write (a peer that writes and then waits for an answer). */
export async function readFirstChunk(
  stream: Stream,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const bytes = await readStream(stream, maxBytes, timeoutMs, () => true);
  if (bytes.length === 0) throw new Error('closed before sending anything');
  return bytes;
}

/** Everything the remote writes before it closes. */
export function readToEnd(
  stream: Stream,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  return readStream(stream, maxBytes, timeoutMs, () => false);
}
