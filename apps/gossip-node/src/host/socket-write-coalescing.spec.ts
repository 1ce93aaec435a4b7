import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { coalesceSocketWrites } from './socket-write-coalescing.js';

let server: Server | undefined;
let client: Socket | undefined;

afterEach(async () => {
  client?.destroy();
  server?.close();
  client = server = undefined;
});

/** A real loopback connection; resolves with the client socket and the bytes the server reads. */
async function loopback() {
  let received = 0;
  server = createServer((socket) => socket.on('data', (chunk) => (received += chunk.length)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  client = connect({ port, host: '127.0.0.1', noDelay: true });
  await once(client, 'connect');
  return { socket: client, received: () => received };
}

describe('coalesceSocketWrites', () => {
  it('sends the writes of one event-loop turn in one writev', async () => {
    const { socket, received } = await loopback();
    coalesceSocketWrites({ socket });
    const writev = jest.spyOn(socket as unknown as { _writev: () => void }, '_writev');
    const write = jest.spyOn(socket as unknown as { _write: () => void }, '_write');
    for (let i = 0; i < 10; i++) socket.write(Buffer.alloc(100, i));
    await Promise.resolve().then(() => socket.write(Buffer.alloc(100, 10)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writev).toHaveBeenCalledTimes(1);
    expect((writev.mock.calls[0] as unknown as [unknown[]])[0]).toHaveLength(11);
    expect(write).not.toHaveBeenCalled();
    while (received() < 1100) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received()).toBe(1100);
  });

  it('keeps back-pressure: write() turns false past the high-water mark and drain follows', async () => {
    const { socket, received } = await loopback();
    coalesceSocketWrites({ socket });
    const chunk = Buffer.alloc(64 * 1024, 1);
    let accepted = true;
    let writes = 0;
    while (accepted && writes < 1000) {
      accepted = socket.write(chunk);
      writes++;
    }
    expect(accepted).toBe(false);
    await once(socket, 'drain');
    while (received() < writes * chunk.length)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received()).toBe(writes * chunk.length);
  });

  it('leaves anything that is not a TCP socket alone', () => {
    const notASocket = { write: () => true };
    coalesceSocketWrites({ socket: notASocket });
    coalesceSocketWrites({});
    expect(notASocket.write()).toBe(true);
  });
});
