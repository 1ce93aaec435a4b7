// Reading Noise frames from TCP reads: the decoder as @libp2p/noise 17 builds it (its length
// decoder throws a new RangeError when a read ends on a frame boundary, i.e. on almost every
// read), the same with one preallocated RangeError (gossip-node until 2026-12-06), and
// gossip-node's decoder that checks the byte count instead. Each read carries one whole frame,
// as most reads of a gossiping node do. Interleaved over ROUNDS; prints µs per read.
//
//   npx nx build gossip-node && node_modules/.bin/node bench/gossip-node/noise-frame-decoding.mjs
//   READS=50000 ROUNDS=3 FRAME=1500 (defaults)
import { LengthPrefixedDecoder } from '@libp2p/utils';
import { useCheapFrameDecoding } from '../../apps/gossip-node/dist/host/noise-frame-decoding.js';

const READS = Number(process.env.READS ?? 50000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const FRAME = Number(process.env.FRAME ?? 1500);

const uint16 = (data) => (data.get ? (data.get(0) << 8) | data.get(1) : (data[0] << 8) | data[1]);
const NEED_MORE = new RangeError('a Noise frame length needs two bytes');
const decoders = {
  '@libp2p/noise 17': () =>
    new LengthPrefixedDecoder({
      lengthDecoder: (data) => {
        if (data.length < 2) throw RangeError('Could not decode int16BE');
        return uint16(data);
      },
      maxBufferSize: 16 * 1024 * 1024,
      encodingLength: () => 2,
    }),
  'preallocated RangeError': () =>
    new LengthPrefixedDecoder({
      lengthDecoder: (data) => {
        if (data.length < 2) throw NEED_MORE;
        return uint16(data);
      },
      maxBufferSize: 16 * 1024 * 1024,
      encodingLength: () => 2,
    }),
  'gossip-node (no exception)': () => {
    const decoder = decoders['@libp2p/noise 17']();
    useCheapFrameDecoding({ connection: { decoder } });
    return decoder;
  },
};

const read = new Uint8Array(2 + FRAME).fill(7);
new DataView(read.buffer).setUint16(0, FRAME);

function perRead(make) {
  const decoder = make();
  let frames = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < READS; i++)
    for (const frame of decoder.decode(read)) frames += frame.byteLength === FRAME ? 1 : 0;
  const us = Number(process.hrtime.bigint() - started) / 1000 / READS;
  if (frames !== READS) throw new Error(`expected ${READS} frames, got ${frames}`);
  return us;
}

const results = Object.fromEntries(Object.keys(decoders).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++)
  for (const [name, make] of Object.entries(decoders)) results[name].push(perRead(make));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(results['@libp2p/noise 17']);
for (const [name, values] of Object.entries(results))
  console.log(
    `${name.padEnd(28)} ${median(values).toFixed(2)} µs per read (median of ${ROUNDS}), ${(median(values) / base).toFixed(2)}× upstream`,
  );
