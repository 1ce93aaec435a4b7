import { describe, expect, it } from '@jest/globals';
import { unsupportedNode } from './supported-node.js';

describe('unsupportedNode', () => {
  it('names the program, the Node.js it needs and the one it got', () => {
    expect(unsupportedNode('gossip-node', '20.20.2')).toBe(
      "gossip-node needs Node.js 24 or newer, this is 20.20.2: run it with the repository's node_modules/.bin/node (npm install pins it) or its container image",
    );
    expect(unsupportedNode('ws-gateway', '23.11.0')).toContain('this is 23.11.0');
  });

  it('accepts 24 and newer, and the Node.js running this test', () => {
    expect(unsupportedNode('gossip-node', '24.0.0')).toBeUndefined();
    expect(unsupportedNode('gossip-node', '26.1.0')).toBeUndefined();
    expect(unsupportedNode('gossip-node')).toBeUndefined();
  });
});
