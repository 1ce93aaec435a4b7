import { describe, expect, it } from '@jest/globals';
import { messageId, parsePeerLine } from './peer-lines.js';

describe('the peer line protocol', () => {
  it('reads the Go peer counting lines and its event lines alike', () => {
    expect(
      parsePeerLine(
        '{"type":"delivered","topic":"t-block","kind":"block","id":"ab","from":"12D3","t":1796435168870.047}',
      ),
    ).toEqual({
      kind: 'delivered',
      topic: 't-block',
      msgKind: 'block',
      id: 'ab',
      from: '12D3',
      t: 1796435168870.047,
    });
    expect(parsePeerLine('{"event":"ready","peerId":"12D3","addrs":[]}')).toEqual({
      kind: 'ready',
      peerId: '12D3',
    });
    expect(
      parsePeerLine('{"event":"published","kind":"block","topic":"t","id":"ab","t":5,"data":"{}"}'),
    ).toEqual({ kind: 'published', msgKind: 'block', id: 'ab', t: 5 });
    expect(
      parsePeerLine(
        '{"type":"stats","t":1,"delivered":2,"duplicates":3,"bytesIn":4,"bytesOut":5,"peers":6,"mesh":{"t-block":4},"seen":2}',
      ),
    ).toEqual({
      kind: 'stats',
      t: 1,
      delivered: 2,
      duplicates: 3,
      bytesIn: 4,
      bytesOut: 5,
      peers: 6,
      mesh: { 't-block': 4 },
    });
  });

  it('ignores what is not a line of the protocol', () => {
    expect(parsePeerLine('[INFO] library log')).toBeUndefined();
    expect(parsePeerLine('{not json')).toBeUndefined();
    expect(parsePeerLine('{"event":"message","kind":"block"}')).toBeUndefined();
  });

  it('names node_status by author and uptime as the Go peer does, hashes in lower case', () => {
    expect(messageId('node_status', { peerId: '12D3', uptime: 12.5 })).toBe('12D3:12.5');
    expect(messageId('block', { hash: 'ABcd' })).toBe('abcd');
  });
});
