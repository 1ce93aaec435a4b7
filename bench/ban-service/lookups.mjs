// In-process IsBanned(ip) lookups/s with 100,000 active bans (mixed /32 and subnets, IPv4 and
// IPv6): the prefix-tree BanSet against a linear scan of every entry (the reference's
// algorithm, reference-service.md §4.1), measured in the same run.
//
//   npx nx build ban-rules && node_modules/.bin/node bench/ban-service/lookups.mjs [entries]
import { BanSet, parseAddressTarget } from '@teranode-p2p/ban-rules';

const ENTRIES = Number(process.argv[2] ?? 100_000);
const NOW = Date.now();
const HOUR = 3_600_000;

let seed = 12345;
const random = () => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return seed / 2 ** 32;
};
const int = (n) => Math.floor(random() * n);
const v4 = () => `${1 + int(223)}.${int(256)}.${int(256)}.${int(256)}`;
const hex = () => int(0x10000).toString(16);
const v6 = () => `2001:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;

function entry() {
  const subnet = random() < 0.3;
  if (random() < 0.5) return subnet ? `${v4()}/${8 + int(24)}` : v4();
  return subnet ? `${v6()}/${32 + int(96)}` : v6();
}

const set = new BanSet();
const scanList = [];
while (set.size < ENTRIES) {
  const target = parseAddressTarget(entry());
  const record = {
    kind: target.kind,
    value: target.value,
    createdAtMs: NOW,
    expiresAtMs: NOW + HOUR,
    reason: '',
    source: 'manual',
  };
  if (set.put(record) === undefined) scanList.push({ ...record, prefix: target.prefix });
}

// Probes: a quarter are banned addresses (hits), the rest random (mostly misses), as text.
const banned = scanList.filter((r) => r.kind === 'ip').map((r) => r.value.split('/')[0]);
// Flat strings, as gRPC decodes them from the wire (template literals build rope strings,
// which every character read would have to look through).
const probes = Array.from({ length: 100_000 }, (_, i) =>
  Buffer.from(i % 4 === 0 ? banned[int(banned.length)] : random() < 0.5 ? v4() : v6()).toString(),
);

/** The reference: parse the address, then test every unexpired entry for containment. */
function linearScan(text, nowMs) {
  const { prefix } = parseAddressTarget(text);
  for (const record of scanList) {
    if (record.expiresAtMs <= nowMs) continue;
    const p = record.prefix;
    if (p.family !== prefix.family) continue;
    let covered = true;
    for (let w = 0, bits = p.length; bits > 0; w++, bits -= 32) {
      const mask = bits >= 32 ? 0xffffffff : (~0 << (32 - bits)) >>> 0;
      if ((prefix.words[w] & mask) >>> 0 !== p.words[w]) {
        covered = false;
        break;
      }
    }
    if (covered) return true;
  }
  return false;
}

/**
 * Runs a lookup loop for about `ms` of wall time; counts lookups, wall time and this process's
 * CPU time. Each subject gets its own loop (a call site of its own, as IsBanned has in a
 * service), so one subject's type feedback does not slow the other down.
 */
function timed(loop, ms, totals) {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let elapsedMs = 0;
  while (elapsedMs < ms) {
    loop(totals);
    elapsedMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
  }
  const cpu = process.cpuUsage(cpuStart);
  totals.wallMs += elapsedMs;
  totals.cpuMs += (cpu.user + cpu.system) / 1000;
}

function treeLoop(totals) {
  for (let i = 0; i < 200; i++) {
    if (set.check(probes[totals.done % probes.length], NOW) !== undefined) totals.hits++;
    totals.done++;
  }
}

function scanLoop(totals) {
  for (let i = 0; i < 200; i++) {
    if (linearScan(probes[totals.done % probes.length], NOW)) totals.hits++;
    totals.done++;
  }
}

function report(name, t) {
  const wall = t.done / (t.wallMs / 1000);
  const cpu = t.done / (t.cpuMs / 1000);
  console.log(
    `${name.padEnd(32)} ${Math.round(wall).toLocaleString('en').padStart(11)} lookups/s wall  ${Math.round(cpu).toLocaleString('en').padStart(11)} per CPU-second  (${t.done.toLocaleString('en')} lookups, ${Math.round((100 * t.hits) / t.done)}% banned)`,
  );
  return { wall, cpu };
}

// Both must agree before anything is timed.
for (const probe of probes.slice(0, 2000)) {
  if ((set.check(probe, NOW) !== undefined) !== linearScan(probe, NOW))
    throw new Error(`prefix tree and linear scan disagree on ${probe}`);
}

console.log(
  `${ENTRIES.toLocaleString('en')} active bans: ${set.addressCount.toLocaleString('en')} entries, ${scanList.filter((r) => r.kind === 'subnet').length.toLocaleString('en')} subnets`,
);
timed(treeLoop, 500, { done: 0, hits: 0, wallMs: 0, cpuMs: 0 }); // warm-up
// Interleaved rounds, so both see the same machine load (the CPU is shared).
const treeTotals = { done: 0, hits: 0, wallMs: 0, cpuMs: 0 };
const scanTotals = { done: 0, hits: 0, wallMs: 0, cpuMs: 0 };
for (let round = 0; round < 10; round++) {
  timed(treeLoop, 300, treeTotals);
  timed(scanLoop, 300, scanTotals);
}
const t = report('prefix tree BanSet.check(text)', treeTotals);
const s = report('linear scan (reference)', scanTotals);
const ratio = t.cpu / s.cpu;
console.log(`ratio (per CPU-second): ${Math.round(ratio).toLocaleString('en')}× the linear scan`);
console.log(
  `targets: ≥ 2,000,000 lookups/s → ${t.cpu >= 2_000_000 ? 'met' : 'NOT met'} per CPU-second, ${t.wall >= 2_000_000 ? 'met' : 'NOT met'} wall; ≥ 1,000× → ${ratio >= 1000 ? 'met' : 'NOT met'}`,
);
