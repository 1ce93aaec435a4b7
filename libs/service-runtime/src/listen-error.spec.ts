import { describe, expect, it } from '@jest/globals';
import { ListenError, listenFailureReason } from './listen-error.js';

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('ListenError', () => {
  it.each([
    [
      systemError('EADDRINUSE', 'listen EADDRINUSE'),
      'the address is in use (another process listens on it)',
    ],
    [
      systemError('EADDRNOTAVAIL', 'listen EADDRNOTAVAIL'),
      'no network interface of this host has that address',
    ],
    [
      systemError('EACCES', 'listen EACCES'),
      'permission denied (ports below 1024 need privileges)',
    ],
    // grpc-js and libp2p put the system error into their own message
    [
      new Error(
        'No address added out of total 1 resolved errors: [listen EADDRINUSE: address already in use 0.0.0.0:9904]',
      ),
      'the address is in use (another process listens on it)',
    ],
    [new Error('something else'), 'something else'],
    ['not an error', 'not an error'],
  ])('explains %p', (error, reason) => {
    expect(listenFailureReason(error)).toBe(reason);
  });

  it('names the server, the address, the settings and the cause', () => {
    const cause = systemError('EADDRINUSE', 'listen EADDRINUSE');
    const error = new ListenError('libp2p', '/ip4/0.0.0.0/tcp/9905', cause, 'p2p_port');
    expect(error.message).toBe(
      'libp2p cannot listen on /ip4/0.0.0.0/tcp/9905 (p2p_port): the address is in use (another process listens on it)',
    );
    expect(error.cause).toBe(cause);
    expect(new ListenError('the HTTP server', '0.0.0.0:9910', cause).message).toBe(
      'the HTTP server cannot listen on 0.0.0.0:9910: the address is in use (another process listens on it)',
    );
  });
});
