import WebSocket from '/work/main/node_modules/ws/wrapper.mjs';
import net from 'node:net';
const URL = 'ws://127.0.0.1:20005/p2p-ws';
const open = (u = URL) => new Promise((res, rej) => { const w = new WebSocket(u); w.on('open', () => res(w)); w.on('error', rej); });
const watcher = await open();
let watched = 0; watcher.on('message', () => watched++);
const tries = [
  ['10 MiB text', (w) => w.send('x'.repeat(10 << 20))],
  ['binary', (w) => w.send(Buffer.from([0, 1, 2, 255]))],
  ['json filter garbage', (w) => w.send('{"types":[1,2,{"a":null}],"filter":"\ud800"}')],
  ['many small', (w) => { for (let i = 0; i < 20000; i++) w.send('{}'); }],
];
for (const [name, act] of tries) {
  const w = await open();
  const closed = new Promise((r) => w.on('close', (code, reason) => r(`${code} ${reason}`)));
  act(w);
  const result = await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open after 3 s'), 3000))]);
  console.log(name, '->', result);
  w.terminate();
}
// raw invalid frames
for (const [name, bytes] of [['invalid utf8 text', Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xc3, 0x28])], ['reserved opcode', Buffer.from([0x83, 0x80, 0, 0, 0, 0])], ['unmasked', Buffer.from([0x81, 0x01, 0x41])], ['64-bit length 2^63', Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])]]) {
  const s = net.connect(20005, '127.0.0.1');
  await new Promise((r) => s.on('connect', r));
  s.write('GET /p2p-ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
  await new Promise((r) => s.once('data', r));
  s.write(bytes);
  const r = await Promise.race([new Promise((r) => s.on('close', () => r('closed'))), new Promise((r) => setTimeout(() => r('open after 3 s'), 3000))]);
  console.log(name, '->', r); s.destroy();
}
await new Promise((r) => setTimeout(r, 6000));
console.log('watcher still open:', watcher.readyState === 1, 'frames', watched);
const h = await fetch('http://127.0.0.1:20005/health/readiness'); console.log('readiness', h.status);
process.exit(0);
