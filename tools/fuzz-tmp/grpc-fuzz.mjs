import { credentials, makeGenericClientConstructor, Metadata } from '@grpc/grpc-js';
import * as contracts from '@teranode-p2p/contracts';
const KEY = '2cc5750f2641ebcb354f8cbe8583ca49';
const targets = [
  ['gossip-node p2p_api', contracts.p2p_api.PeerServiceService, '127.0.0.1:20011'],
  ['gossip-node admin', contracts.gossip_node.GossipNodeService, '127.0.0.1:20011'],
  ['ban-service', contracts.ban_service.BanServiceService, '127.0.0.1:20002'],
  ['ban-service registry', contracts.peer_registry.PeerRegistryService, '127.0.0.1:20002'],
];
const only = process.argv[2];
const BIG = 'x'.repeat(1 << 20);
const strVals = ['', '\ud800', BIG, '../../etc/passwd', '0.0.0.0/0', '::/0', '/ip4/127.0.0.1/tcp/1'];
const i64Vals = ['9223372036854775807', '-9223372036854775808', '-1', '0'];
const numVals = [4294967295, -1, 2147483647, -2147483648, NaN, Infinity, 1e308];
function variants(defaults) {
  const out = [['empty', {}]];
  for (const [k, v] of Object.entries(defaults)) {
    let vals = [];
    if (typeof v === 'string') vals = /^-?\d+$/.test(v) && v === '0' ? [...i64Vals, ...strVals.slice(0, 3)] : strVals;
    else if (typeof v === 'number') vals = numVals;
    else if (typeof v === 'boolean') vals = [true];
    else if (Array.isArray(v)) vals = [Array.from({ length: 20000 }, () => 'x'.repeat(50)), ['\ud800']];
    for (const val of vals) out.push([`${k}=${typeof val === 'string' ? JSON.stringify(val.slice(0, 12)) + (val.length > 12 ? `(${val.length})` : '') : Array.isArray(val) ? `[${val.length}]` : val}`, { [k]: val }]);
  }
  return out;
}
const call = (client, name, req) => new Promise((resolve) => {
  const md = new Metadata(); md.set('x-api-key', KEY);
  client[name](req, md, { deadline: Date.now() + 15000 }, (err, res) => resolve(err ? { code: err.code, details: String(err.details) } : { code: 0 }));
});
for (const [label, service, address] of targets) {
  if (only && !label.includes(only)) continue;
  const Ctor = makeGenericClientConstructor(service, label);
  const client = new Ctor(address, credentials.createInsecure(), { 'grpc.max_send_message_length': 64 << 20 });
  for (const [name, def] of Object.entries(service)) {
    if (def.requestStream || def.responseStream) continue;
    const defaults = def.requestDeserialize(Buffer.alloc(0));
    // Mutating ops with destructive effects are still exercised: this is a throwaway network.
    for (const [what, fields] of variants(defaults)) {
      let req;
      try { req = { ...defaults, ...fields }; def.requestSerialize(req); } catch { continue; }
      const r = await call(client, name, req);
      if (r.code === 0 || r.code === 3 || r.code === 5 || r.code === 6 || r.code === 9 || r.code === 7) continue;
      console.log(`${label} ${name} ${what}: code ${r.code} ${r.details.slice(0, 160)}`);
    }
  }
  // still serving?
  console.log(label, 'done');
}
process.exit(0);
