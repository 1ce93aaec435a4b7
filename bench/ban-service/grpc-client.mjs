// One load-generating client process: calls one unary RPC with N requests in flight for a
// fixed time and prints {"requests","seconds","p50Ms","p99Ms","errors"} as JSON.
//   node grpc-client.mjs <host:port> isbanned <seconds> <in-flight>
import { credentials, Client, Metadata } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import { percentiles } from '../lib/percentiles.mjs';

const [address, , secondsText, inFlightText] = process.argv.slice(2);
const seconds = Number(secondsText ?? 5);
const inFlight = Number(inFlightText ?? 64);
const method = p2p_api.PeerServiceService.isBanned;
const client = new Client(address, credentials.createInsecure(), {
  'grpc.max_concurrent_streams': 1000,
});
let next = 0;
const probe = () => {
  const i = next++;
  // A quarter of the probes are banned addresses of the loaded table, the rest are not.
  return {
    ipOrSubnet: i % 4 === 0 ? `10.0.${(i >> 8) & 0x7f}.${i & 0xff}` : `192.0.2.${i & 0xff}`,
  };
};
const once = () =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      probe(),
      new Metadata(),
      (error) => (error ? reject(error) : resolve(Number(process.hrtime.bigint() - started) / 1e6)),
    );
  });

// Warm up the channel and the server's JIT.
const warmUntil = Date.now() + 1000;
while (Date.now() < warmUntil) await Promise.all(Array.from({ length: inFlight }, once));

const latencies = [];
let errors = 0;
const started = process.hrtime.bigint();
const deadline = Date.now() + seconds * 1000;
async function worker() {
  while (Date.now() < deadline) {
    try {
      latencies.push(await once());
    } catch {
      errors++;
    }
  }
}
await Promise.all(Array.from({ length: inFlight }, worker));
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
const [p50Ms = 0, p99Ms = 0] = percentiles(latencies, 50, 99);
console.log(
  JSON.stringify({
    requests: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms,
    p99Ms,
    errors,
  }),
);
client.close();
