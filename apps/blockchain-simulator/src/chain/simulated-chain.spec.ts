import { describe, expect, it } from '@jest/globals';
import { meetsTarget, parseHeader } from '@teranode-p2p/chain';
import { chainWorkBytes, headerBytes, SimulatedChain } from './simulated-chain.js';

describe('SimulatedChain', () => {
  it('starts at the regtest genesis block', () => {
    const chain = new SimulatedChain({ maxBlocks: 10, subtreesPerBlock: 2 });
    expect(chain.best()).toMatchObject({
      hash: '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
      height: 0,
    });
  });

  it('mines valid headers that link to the previous block, with growing chain work', () => {
    const chain = new SimulatedChain({
      maxBlocks: 10,
      subtreesPerBlock: 3,
      now: () => 1_700_000_000_000,
    });
    const first = chain.mineNext();
    const second = chain.mineNext();
    expect(second.height).toBe(2);
    expect(parseHeader(headerBytes(second)).previousHash).toBe(first.hash);
    expect(meetsTarget(second.header)).toBe(true);
    expect(second.header.time).toBeGreaterThan(first.header.time);
    expect(second.subtrees).toHaveLength(3);
    expect(BigInt(`0x${chainWorkBytes(second).toString('hex')}`)).toBe(6n);
    expect(chain.get(first.hash)).toBe(first);
  });

  it('forgets the oldest blocks beyond its bound and counts them', () => {
    const chain = new SimulatedChain({ maxBlocks: 3, subtreesPerBlock: 1 });
    for (let i = 0; i < 5; i++) chain.mineNext();
    expect(chain.size()).toEqual({ blocks: 3, forgotten: 3 });
    expect(chain.best().height).toBe(5);
  });
});
