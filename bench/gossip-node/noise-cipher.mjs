// Sealing and opening one Noise frame: @libp2p/noise's own cipher choice (WebAssembly below
// 1,200 bytes, Node's OpenSSL from there) against gossip-node's (WebAssembly below 4,096), per
// frame size, measured in the same run, interleaved over ROUNDS; prints µs per frame and the ratio.
//
//   npx nx build gossip-node && node_modules/.bin/node bench/gossip-node/noise-cipher.mjs
//   FRAMES=4000 ROUNDS=3 (defaults)
import { generateKeyPair } from '@libp2p/crypto/keys';
import { defaultLogger } from '@libp2p/logger';
import { noise } from '@libp2p/noise';
import { randomBytes } from 'node:crypto';
import { NATIVE_CIPHER_FROM_BYTES } from '../../apps/gossip-node/dist/host/noise-frame-cipher.js';
import { tunedNoise } from '../../apps/gossip-node/dist/host/tuned-noise.js';

const FRAMES = Number(process.env.FRAMES ?? 4000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SIZES = [100, 600, 1199, 1500, 2000, 3000, 4000, 6000, 16000, 65000];

const components = { privateKey: await generateKeyPair('Ed25519'), logger: defaultLogger() };
const ciphers = {
  stock: noise()(components).crypto,
  tuned: tunedNoise()(components).crypto,
};

/** µs to seal and open one frame of `size` bytes, over FRAMES frames. */
function sealAndOpen(cipher, size) {
  const key = randomBytes(32);
  const ad = new Uint8Array(0);
  const plaintext = randomBytes(size);
  const nonce = new Uint8Array(12);
  const view = new DataView(nonce.buffer);
  const started = process.hrtime.bigint();
  for (let i = 0; i < FRAMES; i++) {
    view.setUint32(4, i, true);
    const sealed = cipher.encrypt(plaintext, nonce, ad, key);
    cipher.decrypt(sealed, nonce, ad, key);
  }
  return Number(process.hrtime.bigint() - started) / 1000 / FRAMES;
}

const results = new Map(SIZES.map((size) => [size, { stock: [], tuned: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['stock', 'tuned'] : ['tuned', 'stock'];
  for (const size of SIZES)
    for (const name of order) results.get(size)[name].push(sealAndOpen(ciphers[name], size));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`seal + open one Noise frame, µs (median of ${ROUNDS} rounds × ${FRAMES} frames)`);
console.log(`gossip-node uses WebAssembly below ${NATIVE_CIPHER_FROM_BYTES} bytes\n`);
console.log('| frame bytes | @libp2p/noise | gossip-node | ratio |');
console.log('| ----------: | ------------: | ----------: | ----: |');
for (const [size, { stock, tuned }] of results) {
  const [s, t] = [median(stock), median(tuned)];
  console.log(`| ${size} | ${s.toFixed(1)} | ${t.toFixed(1)} | ${(t / s).toFixed(2)} |`);
}
