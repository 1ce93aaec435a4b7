import { afterEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { Registry } from 'prom-client';
import {
  MAX_WORKER_REPLACEMENTS,
  OFFLOAD_ABOVE_UTILIZATION,
  SignatureVerifierPool,
  type SignatureVerifierOptions,
} from './signature-verifier-pool.js';

interface Case {
  publicKey: Uint8Array;
  data: Uint8Array;
  signature: Uint8Array;
  valid: boolean;
}

function signer() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  return (data: Uint8Array) => ({ publicKey: raw, data, signature: sign(null, data, privateKey) });
}

/** Valid signatures of several authors mixed with every kind of bad one. */
function cases(count: number): Case[] {
  const authors = [signer(), signer(), signer()];
  return Array.from({ length: count }, (_, i) => {
    const good = authors[i % authors.length]!(randomBytes(100 + (i % 700)));
    switch (i % 6) {
      case 1: {
        const data = Uint8Array.from(good.data);
        data[0]! ^= 1;
        return { ...good, data, valid: false };
      }
      case 2:
        return { ...good, publicKey: authors[(i + 1) % 3]!(good.data).publicKey, valid: false };
      case 3:
        return { ...good, signature: good.signature.subarray(0, 63), valid: false };
      case 4:
        return { ...good, publicKey: randomBytes(32), valid: false };
      default:
        return { ...good, valid: true };
    }
  });
}

const answersOf = (verifier: SignatureVerifierPool, all: Case[]) =>
  all.map((c) => verifier.verify(c.publicKey, c.data, c.signature));
const validOf = (all: Case[]) => all.map((c) => c.valid);

const workersOf = (pool: SignatureVerifierPool) =>
  (pool as unknown as { threads: { worker: Worker }[] }).threads.map((t) => t.worker);

async function counts(registry: Registry) {
  const metric = await registry.getSingleMetric('gossip_node_signature_verifications_total')!.get();
  const by = (thread: string) =>
    metric.values.filter((v) => v.labels.thread === thread).reduce((sum, v) => sum + v.value, 0);
  return { worker: by('worker'), eventLoop: by('event_loop') };
}

describe('SignatureVerifierPool', () => {
  let pool: SignatureVerifierPool | undefined;
  let registry: Registry;
  const start = (options: Partial<SignatureVerifierOptions> = {}) => {
    registry = new Registry();
    pool = new SignatureVerifierPool(
      {
        workers: 1,
        maxPending: 4096,
        maxPendingBytes: 1 << 30,
        keyCacheSize: 16,
        offloadAboveUtilization: 0,
        ...options,
      },
      registry,
    );
    return pool;
  };
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('answers every check on worker threads, good and bad, each with its own answer', async () => {
    const verifier = start({ workers: 2 });
    const all = cases(3000);
    expect(await Promise.all(answersOf(verifier, all))).toEqual(validOf(all));
    // malformed lengths are answered at once, everything else by the workers
    expect(await counts(registry)).toEqual({ worker: 2500, eventLoop: 500 });
    expect(verifier.queued).toBe(0);
    const keys = await registry.getSingleMetric('gossip_node_signature_key_cache_size')!.get();
    // 3 authors and the random keys, at most 16 per thread
    expect(keys.values[0]!.value).toBeGreaterThanOrEqual(3);
    expect(keys.values[0]!.value).toBeLessThanOrEqual(32);
  });

  it('checks on the event loop beyond its queue bound, losing nothing', async () => {
    const verifier = start({ maxPending: 100 });
    const all = cases(1000);
    expect(await Promise.all(answersOf(verifier, all))).toEqual(validOf(all));
    expect(await counts(registry)).toEqual({ worker: 100, eventLoop: 900 });
  });

  it('checks on the event loop beyond its byte bound, losing nothing', async () => {
    // data of 100..799 bytes: at most 20 kB queued at once
    const verifier = start({ maxPendingBytes: 20_000 });
    const all = cases(1000);
    expect(await Promise.all(answersOf(verifier, all))).toEqual(validOf(all));
    const { worker, eventLoop } = await counts(registry);
    expect(worker).toBeGreaterThanOrEqual(25);
    expect(worker).toBeLessThan(200);
    expect(worker + eventLoop).toBe(1000);
    const bytes = await registry.getSingleMetric('gossip_node_signature_queue_bytes')!.get();
    expect(bytes.values[0]!.value).toBe(0);
  });

  it('answers what a failed worker held, and replaces the worker', async () => {
    const failures: Error[] = [];
    const verifier = start({ onWorkerFailure: (error) => failures.push(error) });
    const all = cases(2000);
    const answers = Promise.all(answersOf(verifier, all));
    // let the batch reach the worker, then kill it while it works
    await new Promise((resolve) => setImmediate(resolve));
    const [first] = workersOf(verifier);
    await first!.terminate();
    expect(await answers).toEqual(validOf(all));
    expect(failures).toHaveLength(1);
    const [replacement] = workersOf(verifier);
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(first);

    const before = (await counts(registry)).worker;
    const later = cases(60);
    expect(await Promise.all(answersOf(verifier, later))).toEqual(validOf(later));
    // the 50 well-formed ones went to the new worker
    expect((await counts(registry)).worker - before).toBe(50);
  });

  it(`verifies on the event loop once ${MAX_WORKER_REPLACEMENTS} replacements have failed too`, async () => {
    const failures: Error[] = [];
    const verifier = start({ onWorkerFailure: (error) => failures.push(error) });
    for (let i = 0; i <= MAX_WORKER_REPLACEMENTS; i++) {
      const [worker] = workersOf(verifier);
      await worker!.terminate();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(failures).toHaveLength(MAX_WORKER_REPLACEMENTS + 1);
    expect(workersOf(verifier)).toHaveLength(0);
    const all = cases(30);
    expect(answersOf(verifier, all)).toEqual(validOf(all));
  });

  it('answers queued checks when closed and checks on the event loop afterwards', async () => {
    const verifier = start();
    const all = cases(500);
    const answers = Promise.all(answersOf(verifier, all));
    await verifier.close();
    expect(await answers).toEqual(validOf(all));
    const [after] = cases(1);
    expect(verifier.verify(after!.publicKey, after!.data, after!.signature)).toBe(true);
  });

  it('with no workers checks everything on the event loop, synchronously', async () => {
    const verifier = start({ workers: 0 });
    const all = cases(60);
    expect(answersOf(verifier, all)).toEqual(validOf(all));
    expect(await counts(registry)).toEqual({ worker: 0, eventLoop: 60 });
  });

  it('checks on the event loop while the loop has time to spare, on the workers once it is busy', async () => {
    const verifier = start({ offloadAboveUtilization: OFFLOAD_ABOVE_UTILIZATION });
    const light = cases(60);
    // answered synchronously: booleans, not promises
    expect(answersOf(verifier, light)).toEqual(validOf(light));
    expect(await counts(registry)).toEqual({ worker: 0, eventLoop: 60 });

    const busyUntil = performance.now() + 1100;
    while (performance.now() < busyUntil); // the loop is busy for a whole load window
    const busy = cases(60);
    expect(await Promise.all(answersOf(verifier, busy))).toEqual(validOf(busy));
    // the 50 well-formed ones went to the worker
    expect(await counts(registry)).toEqual({ worker: 50, eventLoop: 70 });
  });
});
