import { StreamState, YamuxStream } from '@libp2p/yamux/stream';

/**
 * @libp2p/yamux (8.x) answers every data frame it receives with a window-update frame, so each
 * gossip message costs the receiver an extra Noise frame and socket write and the sender an
 * extra read. Go's, Rust's and Python's yamux grant credit once half the receive window is
 * used, which the protocol allows: the sender still has the other half to send with. This
 * makes our streams do the same. Frames that carry SYN/ACK flags and paused streams keep
 * upstream's behaviour.
 */
export function grantYamuxCreditAtHalfWindow(): void {
  const prototype = YamuxStream.prototype as unknown as WindowedStream;
  if (prototype[patched]) return;
  const upstream = prototype.sendWindowUpdate;
  if (typeof upstream !== 'function')
    throw new Error('@libp2p/yamux changed: YamuxStream.sendWindowUpdate is gone');
  prototype.sendWindowUpdate = function (this: WindowedStream): void {
    const flagless = this.state === StreamState.Established || this.state === StreamState.Finished;
    if (flagless && this.recvWindowCapacity > this.recvWindow / 2) return;
    upstream.call(this);
  };
  prototype[patched] = true;
}

const patched = Symbol('grantYamuxCreditAtHalfWindow');

/** The members of YamuxStream this reads (the window fields are private in its types). */
interface WindowedStream {
  state: StreamState;
  recvWindow: number;
  recvWindowCapacity: number;
  sendWindowUpdate(): void;
  [patched]?: true;
}
