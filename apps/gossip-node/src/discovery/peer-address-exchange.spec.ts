import { describe, expect, it } from '@jest/globals';
import { multiaddr } from '@multiformats/multiaddr';
import {
  decodePeerAddressAnswer,
  encodePeerAddressAnswer,
  MAX_PEER_ADDRESS_ANSWER_BYTES,
} from './peer-address-exchange.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('peer address exchange answers', () => {
  it('are a JSON array of multiaddr strings, without relay circuits, [] when none', () => {
    const answer = encodePeerAddressAnswer([
      multiaddr('/ip4/10.0.0.1/tcp/9905'),
      multiaddr(
        '/ip4/10.0.0.2/tcp/9905/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA/p2p-circuit',
      ),
      multiaddr('/dns4/node.example/tcp/9905'),
    ]);
    expect(text(answer)).toBe('["/ip4/10.0.0.1/tcp/9905","/dns4/node.example/tcp/9905"]');
    expect(text(encodePeerAddressAnswer([]))).toBe('[]');
    expect(decodePeerAddressAnswer(answer).map(String)).toEqual([
      '/ip4/10.0.0.1/tcp/9905',
      '/dns4/node.example/tcp/9905',
    ]);
  });

  it('hold as many addresses as fit in the 4,096 bytes Teranode reads', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      multiaddr(`/ip4/10.0.${i >> 8}.${i & 255}/tcp/${10_000 + i}`),
    );
    const answer = encodePeerAddressAnswer(many);
    expect(answer.length).toBeLessThanOrEqual(MAX_PEER_ADDRESS_ANSWER_BYTES);
    const decoded = decodePeerAddressAnswer(answer);
    expect(decoded.length).toBeGreaterThan(100);
    expect(decoded.map(String)).toEqual(many.slice(0, decoded.length).map(String));
    expect(encodePeerAddressAnswer(many.slice(0, decoded.length + 1)).length).toBe(answer.length);
  });

  it.each([
    ['', /not JSON/],
    ['{"a":1}', /not a JSON array/],
    ['[1]', /entry 0 is not a string/],
    ['["/ip4/1.2.3.4/tcp/1","nonsense"]', /entry 1 is not a multiaddr: nonsense/],
    ['"\u00ff"', /not a JSON array/],
  ])('refuse %j saying why', (answer, why) => {
    expect(() => decodePeerAddressAnswer(new TextEncoder().encode(answer))).toThrow(why);
  });

  it('refuse bytes that are not UTF-8 or longer than an answer can be', () => {
    expect(() => decodePeerAddressAnswer(Uint8Array.of(0x5b, 0xff, 0x5d))).toThrow(/not JSON/);
    expect(() =>
      decodePeerAddressAnswer(new Uint8Array(MAX_PEER_ADDRESS_ANSWER_BYTES + 1)),
    ).toThrow(/over 4096/);
  });
});
