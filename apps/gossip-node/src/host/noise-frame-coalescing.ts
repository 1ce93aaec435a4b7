import type { SecuredConnection } from '@libp2p/interface';
import type { Uint8ArrayList } from 'uint8arraylist';

/** Past this many bytes waiting in a turn, a send goes out at once (as upstream sends). */
export const COALESCED_BYTES_LIMIT = 16 * 1024;

/** The members of @libp2p/noise's encrypted connection this uses (not part of its typings). */
interface NoiseSendQueue {
  writeBuffer: Uint8ArrayList;
  writeStatus: string;
  writableNeedsDrain: boolean;
  send(data: Uint8Array | Uint8ArrayList): boolean;
  processSendQueue(): boolean;
  close(options?: unknown): Promise<void>;
}

/**
 * @libp2p/noise seals every `send` of its connection as a Noise frame of its own, at once: a
 * yamux frame each. A node forwarding gossip sends several to one peer in one event-loop turn
 * (a subtree burst, a message and a window update, IDONTWANT and a ping), and each frame costs
 * a seal here and an open, a decode and an event dispatch per layer at the peer. This keeps a
 * turn's sends in the connection's write buffer and seals them together once the turn's I/O
 * callbacks are done (`setImmediate`), so a turn makes one Noise frame per connection. The byte
 * stream inside Noise is unchanged, so any peer reads it.
 *
 * What waits is bounded by COALESCED_BYTES_LIMIT per connection and lives for one turn at most:
 * upstream's send runs as before once that many bytes are waiting, while the
 * connection waits for 'drain' (its back-pressure), or when it is not writable (its errors).
 * close() seals what is waiting before it closes the transport.
 */
export function coalesceNoiseFrames<T extends SecuredConnection<unknown>>(secured: T): T {
  const connection = secured.connection as unknown as NoiseSendQueue;
  const { send, processSendQueue, close } = connection;
  if (
    typeof send !== 'function' ||
    typeof processSendQueue !== 'function' ||
    typeof close !== 'function' ||
    typeof connection.writeBuffer?.append !== 'function'
  )
    throw new Error('@libp2p/noise changed: its connection has no send queue to coalesce');
  let scheduled = false;
  const seal = () => {
    scheduled = false;
    try {
      processSendQueue.call(connection);
    } catch {
      // processSendQueue has aborted the connection with the error, as upstream's drain does.
    }
  };
  connection.send = function (this: NoiseSendQueue, data) {
    if (
      this.writeStatus !== 'writable' ||
      this.writableNeedsDrain ||
      this.writeBuffer.byteLength + data.byteLength >= COALESCED_BYTES_LIMIT
    )
      return send.call(this, data);
    this.writeBuffer.append(data);
    if (!scheduled) {
      scheduled = true;
      setImmediate(seal);
    }
    return true;
  };
  connection.close = function (this: NoiseSendQueue, options) {
    if (scheduled) seal();
    return close.call(this, options);
  };
  return secured;
}
