// Cost of the receive-side checks alone: envelope + Go-JSON decode + hash parse of one block
// announcement, against a bare JSON.parse of the same bytes, in one process.
//   npx nx build gossip && node_modules/.bin/node bench/gossip-node/validate.mjs
import { blockMessageCodec, sealPayload, validateGossip } from '@teranode-p2p/gossip';

const N = Number(process.env.N ?? 200_000);
const block = blockMessageCodec.create({
  hash: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
  height: 915_000,
  dataHubUrl: 'https://node1.example.com/api/v1',
  peerId: '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd',
  header: '01'.repeat(80),
});
const bytes = sealPayload(blockMessageCodec.encode(block), { envelope: true, name: 'teranode1' });
const options = { envelope: true, maxBytes: 1_048_576, blacklistedBaseUrls: [] };
const decoder = new TextDecoder();

function time(fn) {
  for (let i = 0; i < 10_000; i++) fn();
  const start = performance.now();
  for (let i = 0; i < N; i++) fn();
  return ((performance.now() - start) * 1000) / N;
}

const bare = time(() => JSON.parse(decoder.decode(bytes)));
const ours = time(() => {
  if (validateGossip('block', bytes, options).verdict !== 'accept') throw new Error('rejected');
});
console.log(`${bytes.length}-byte block announcement, ${N} times`);
console.log(
  `bare JSON.parse: ${bare.toFixed(2)} µs/msg; validateGossip: ${ours.toFixed(2)} µs/msg; ratio ${(ours / bare).toFixed(1)}×`,
);
