import { describe, expect, it } from '@jest/globals';
import { NodeStatusGreeting } from './node-status-greeting.js';

const text = (greeting: NodeStatusGreeting) => greeting.frames().frames.toString();

describe('NodeStatusGreeting', () => {
  it("puts our own gossip nodes' statuses first, then the others, each oldest update first", () => {
    const greeting = new NodeStatusGreeting(10);
    greeting.set('peerA', Buffer.from('[A]'));
    greeting.set('ours1', Buffer.from('[1]'));
    greeting.set('peerB', Buffer.from('[B]'));
    expect(text(greeting)).toBe('[A][1][B]');
    greeting.noteOurNode('ours1');
    expect(text(greeting)).toBe('[1][A][B]');
    greeting.noteOurNode('ours2'); // known as ours before its status arrives
    greeting.set('ours2', Buffer.from('[2]'));
    greeting.set('peerA', Buffer.from('[A2]'));
    expect(greeting.frames()).toEqual({ frames: Buffer.from('[1][2][B][A2]'), count: 4 });
    expect(greeting.stats().ourNodes).toBe(2);
  });

  it('keeps at most the bound of nodes and counts those it forgot', () => {
    const greeting = new NodeStatusGreeting(2);
    for (const node of ['a', 'b', 'c']) greeting.set(node, Buffer.from(node));
    expect(greeting.stats()).toEqual({ nodes: 2, evicted: 1, ourNodes: 0 });
    expect(text(greeting)).toBe('bc');
  });

  it('shares one concatenation until something changes', () => {
    const greeting = new NodeStatusGreeting(5);
    greeting.set('a', Buffer.from('a'));
    const first = greeting.frames();
    greeting.noteOurNode('x');
    greeting.noteOurNode('x');
    expect(greeting.frames()).not.toBe(first);
    const second = greeting.frames();
    greeting.noteOurNode('x'); // already known: nothing changes
    expect(greeting.frames()).toBe(second);
  });
});
