// N raw WebSocket clients in their own process (so their CPU is not the server's): each does
// the handshake itself and then only splits the byte stream into frames, counts the notification
// frames and reads the send time the bench put into each event. Controlled over IPC by bench.mjs.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const [host, portText, pathWithQuery, countText] = process.argv.slice(2);
const port = Number(portText);
const clientCount = Number(countText);
const HANDSHAKE =
  `GET ${pathWithQuery} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\n` +
  'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const STAMP = Buffer.from('"hash":"');
const PROBE = Buffer.from('"hash":"probe');

let deliveries = 0;
let lastDeliveryAt = 0;
let latencies = [];
let weights = [];
let probeSeen = 0;
let expected = Infinity;
let onExpected = () => {};
let closedByServer = 0;

const nowMs = () => performance.timeOrigin + performance.now();

// All frames of one read arrived at the same moment: the latency of the last notification in
// the read stands for all of them (weighted by their number). The bench stamps every event of a
// burst alike, and in the steady phase a read holds one event, so this loses nothing there.
function onRead(buf, lastStart, lastEnd, frames, at, state) {
  if (frames === 0) return;
  const stamp = buf.indexOf(STAMP, lastStart);
  if (stamp < 0 || stamp > lastEnd) return;
  if (buf.indexOf(PROBE, lastStart) === stamp) {
    if (!state.probed) {
      state.probed = true;
      probeSeen++;
    }
    return;
  }
  const sentAt = parseFloat(
    buf.toString('latin1', stamp + STAMP.length, stamp + STAMP.length + 24),
  );
  latencies.push(at - sentAt);
  weights.push(frames);
  deliveries += frames;
  lastDeliveryAt = at;
}

function parse(state, chunk, at) {
  let buf = state.rest ? Buffer.concat([state.rest, chunk]) : chunk;
  state.rest = undefined;
  let offset = 0;
  if (!state.open) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) {
      state.rest = buf;
      return;
    }
    if (!buf.toString('latin1', 0, 12).startsWith('HTTP/1.1 101')) {
      throw new Error(`upgrade refused: ${buf.toString('latin1', 0, end)}`);
    }
    state.open = true;
    state.resolveOpen();
    offset = end + 4;
  }
  let frames = 0;
  let lastStart = 0;
  let lastEnd = 0;
  while (buf.length - offset >= 2) {
    const opcode = buf[offset] & 0x0f;
    let length = buf[offset + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buf.length - offset < 4) break;
      length = buf.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buf.length - offset < 10) break;
      length = Number(buf.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (buf.length - offset < header + length) break;
    if (opcode === 1) {
      frames++;
      lastStart = offset + header;
      lastEnd = lastStart + length;
    }
    if (opcode === 8) closedByServer++;
    offset += header + length;
  }
  onRead(buf, lastStart, lastEnd, frames, at, state);
  if (offset < buf.length) state.rest = buf.subarray(offset);
  if (deliveries >= expected) onExpected();
}

function openClient() {
  return new Promise((resolve, reject) => {
    const state = { open: false, probed: false, rest: undefined, resolveOpen: resolve };
    const socket = connect(port, host, () => socket.write(HANDSHAKE));
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      try {
        parse(state, chunk, nowMs());
      } catch (error) {
        reject(error);
        socket.destroy();
      }
    });
    socket.on('error', reject);
  });
}

/** Percentiles of the latencies, each weighted by the notifications it stands for. */
function weightedPercentiles(ps) {
  const order = latencies.map((_, i) => i).sort((a, b) => latencies[a] - latencies[b]);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const out = ps.map(() => NaN);
  let seen = 0;
  let next = 0;
  for (const i of order) {
    seen += weights[i];
    while (next < ps.length && seen >= (ps[next] / 100) * total) out[next++] = latencies[i];
  }
  return out;
}

function report(extra) {
  const [median, p99, max] = weightedPercentiles([50, 99, 100]);
  return {
    deliveries,
    lastDeliveryAt,
    closedByServer,
    latencyMedianMs: median,
    latencyP99Ms: p99,
    latencyMaxMs: max,
    ...extra,
  };
}

let opened = 0;
process.on('message', async (command) => {
  if (command.cmd === 'connect') {
    // `count` more clients (all that are left when absent).
    const target = Math.min(clientCount, opened + (command.count ?? clientCount));
    const batch = 250;
    while (opened < target) {
      const now = Math.min(batch, target - opened);
      opened += now;
      await Promise.all(Array.from({ length: now }, openClient));
    }
    process.send({ connected: opened });
  } else if (command.cmd === 'probed?') {
    process.send({ probed: probeSeen });
  } else if (command.cmd === 'reset') {
    deliveries = 0;
    lastDeliveryAt = 0;
    latencies = [];
    weights = [];
    expected = command.expected ?? Infinity;
    const timer = setTimeout(
      () => process.send(report({ timedOut: true })),
      command.timeoutMs ?? 60_000,
    );
    onExpected = () => {
      onExpected = () => {};
      clearTimeout(timer);
      process.send(report({ timedOut: false }));
    };
    process.send({ reset: true });
  } else if (command.cmd === 'report') {
    onExpected = () => {};
    process.send(report({}));
  }
});
process.send({ ready: true });
