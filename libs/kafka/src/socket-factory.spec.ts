import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import net from 'node:net';
import { noDelaySocketFactory } from './socket-factory.js';

describe('noDelaySocketFactory', () => {
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('connects with Nagle off and keep-alive on', async () => {
    const noDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    const keepAlive = jest.spyOn(net.Socket.prototype, 'setKeepAlive');
    let connected!: () => void;
    const onConnect = new Promise<void>((resolve) => (connected = resolve));
    // kafkajs passes no ssl for a plain connection, whatever its ISocketFactoryArgs type says.
    const plain = { host: '127.0.0.1', port, onConnect: () => connected() };
    const socket = noDelaySocketFactory(plain as Parameters<typeof noDelaySocketFactory>[0]);
    await onConnect;
    expect(noDelay.mock.contexts).toContain(socket);
    expect(noDelay.mock.calls[noDelay.mock.contexts.indexOf(socket)]).toEqual([true]);
    expect(keepAlive.mock.contexts).toContain(socket);
    socket.destroy();
    noDelay.mockRestore();
    keepAlive.mockRestore();
  });
});
