import { Socket } from 'node:net';

/**
 * libp2p writes each piece of a frame separately (Noise length prefix, ciphertext, yamux
 * header and body), and one gossip message forwarded to a peer is several frames. Corking the
 * socket on the first write of an event-loop turn and uncorking it once that turn's
 * synchronous work and microtasks are done sends them in one writev. Back-pressure is
 * unchanged: corked bytes count towards the socket's buffer, so write() still returns false
 * and 'drain' still follows once they are out.
 */
export function coalesceSocketWrites(connection: { socket?: unknown }): void {
  const socket = connection.socket;
  if (!(socket instanceof Socket)) return;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const write = socket.write;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  } as Socket['write'];
}
