import { Worker } from 'node:worker_threads';
import { collectedGauge } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { EventLoopLoad } from './event-loop-load.js';
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  Ed25519KeyCache,
  packBatch,
  verifyEd25519,
  WORKER_ROLE,
  type BatchResult,
  type VerificationItem,
} from './ed25519-worker.js';

export interface SignatureVerifierOptions {
  /** Worker threads; 0 verifies on the event loop. */
  readonly workers: number;
  /** Verifications queued or in a worker at most; beyond it they run on the event loop. */
  readonly maxPending: number;
  /** Bytes of signed data queued or in a worker at most (messages may be up to 1 MiB each). */
  readonly maxPendingBytes: number;
  /** Public keys each thread keeps imported. */
  readonly keyCacheSize: number;
  /**
   * Share of a core the event loop's thread used over the last second (0–1) from which checks
   * go to the workers; below it they run on the event loop
   * (gossip_node_signature_offload_busy_percent). 0 always offloads.
   */
  readonly offloadAboveUtilization?: number;
  /** A worker thread failed (it is replaced, up to MAX_WORKER_REPLACEMENTS times). */
  readonly onWorkerFailure?: (error: Error) => void;
}

/**
 * A check costs about 100 µs on the event loop; handed to a worker it costs the event loop
 * about half of that but the process about twice as much (thread hand-over both ways) and
 * adds a thread wake-up to the message's latency. So by default a loop with time to spare
 * checks itself, and one that used more than half a core over the last second hands the checks
 * over.
 */
export const OFFLOAD_ABOVE_UTILIZATION = 0.5;

/** Replacements of failed workers before the pool verifies on the event loop only. */
export const MAX_WORKER_REPLACEMENTS = 10;

interface Pending extends VerificationItem {
  readonly resolve: (valid: boolean) => void;
}

interface VerifierThread {
  worker: Worker;
  /** Batches sent to the worker and not answered yet, by id. */
  readonly inFlight: Map<number, Pending[]>;
  items: number;
  cachedKeys: number;
}

// The worker is this module's sibling, compiled (.js) or, under the tests, source (.ts).
const workerUrl = new URL(
  `./ed25519-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * Ed25519 signature checks of inbound gossip (gossipsub's StrictSign) on worker threads, as
 * go-libp2p-pubsub validates on a pool of goroutines: on one thread the checks are about half
 * of the node's work per message. They go to the workers only while the event loop is busy
 * (see OFFLOAD_ABOVE_UTILIZATION), and then to an idle worker as one batch: those of one turn
 * of the event loop when the workers keep up, everything that arrived meanwhile when they
 * are busy, so batches grow with the load and stay single messages when it is light (each
 * batch is a thread wake-up). The queue is bounded: past `maxPending` checks or
 * `maxPendingBytes` of signed data, and whenever a worker fails, checks run on the event
 * loop, so none is ever lost or left unanswered.
 */
export class SignatureVerifierPool {
  private readonly threads: VerifierThread[] = [];
  private readonly mainKeys: Ed25519KeyCache;
  private readonly load = new EventLoopLoad();
  private readonly offloadAbove: number;
  private batch: Pending[] = [];
  private flushScheduled = false;
  private nextId = 0;
  private pending = 0;
  private pendingBytes = 0;
  private replacements = 0;
  private closed = false;
  private readonly verified: Counter<'thread' | 'result'>;
  private readonly failures: Counter;

  constructor(
    private readonly options: SignatureVerifierOptions,
    registry: Registry,
  ) {
    this.mainKeys = new Ed25519KeyCache(options.keyCacheSize);
    this.offloadAbove = options.offloadAboveUtilization ?? OFFLOAD_ABOVE_UTILIZATION;
    this.verified = new Counter({
      name: 'gossip_node_signature_verifications_total',
      help: 'Ed25519 signature checks, by where they ran (worker or event_loop) and result (valid or invalid)',
      labelNames: ['thread', 'result'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'gossip_node_signature_worker_failures_total',
      help: 'Signature worker threads that failed and were replaced',
      registers: [registry],
    });
    const cachedKeys = () =>
      this.threads.reduce((sum, t) => sum + t.cachedKeys, this.mainKeys.size);
    collectedGauge(registry, () => this.pending, {
      name: 'gossip_node_signature_queue_size',
      help: `Signature checks queued for or inside worker threads (bound ${options.maxPending})`,
    });
    collectedGauge(registry, () => this.pendingBytes, {
      name: 'gossip_node_signature_queue_bytes',
      help: `Bytes of signed data queued for or inside worker threads (bound ${options.maxPendingBytes})`,
    });
    collectedGauge(registry, cachedKeys, {
      name: 'gossip_node_signature_key_cache_size',
      help: `Imported public keys over all threads (bound ${options.keyCacheSize} per thread)`,
    });
    for (let i = 0; i < options.workers; i++) this.threads.push(this.spawn());
  }

  get queued(): number {
    return this.pending;
  }

  verify(
    publicKey: Uint8Array,
    data: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean> {
    if (
      this.closed ||
      this.threads.length === 0 ||
      (this.offloadAbove > 0 && this.load.current() < this.offloadAbove) ||
      this.pending >= this.options.maxPending ||
      this.pendingBytes + data.byteLength > this.options.maxPendingBytes ||
      publicKey.byteLength !== ED25519_PUBLIC_KEY_BYTES ||
      signature.byteLength !== ED25519_SIGNATURE_BYTES
    )
      return this.verifyHere(publicKey, data, signature);
    this.pending++;
    this.pendingBytes += data.byteLength;
    return new Promise((resolve) => {
      this.batch.push({ publicKey, data, signature, resolve });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Answers what is queued or in flight on the event loop, then stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) this.settleHere(thread);
    this.flush();
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private verifyHere(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
    const valid = verifyEd25519(this.mainKeys, publicKey, data, signature);
    this.verified.inc({ thread: 'event_loop', result: valid ? 'valid' : 'invalid' });
    return valid;
  }

  /** Sends the queued checks to an idle worker; while every worker is busy they wait. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    const items = this.batch;
    if (items.length === 0) return;
    if (this.threads.length === 0) {
      this.batch = [];
      for (const item of items)
        this.answer(item, this.verifyHere(item.publicKey, item.data, item.signature));
      return;
    }
    const thread = this.threads.find((t) => t.items === 0);
    if (thread === undefined) return;
    this.batch = [];
    const id = this.nextId++;
    const buffer = packBatch(items);
    thread.inFlight.set(id, items);
    thread.items += items.length;
    thread.worker.postMessage({ id, count: items.length, buffer }, [buffer]);
  };

  private answer(item: Pending, valid: boolean): void {
    this.pending--;
    this.pendingBytes -= item.data.byteLength;
    item.resolve(valid);
  }

  private spawn(): VerifierThread {
    const worker = new Worker(workerUrl, {
      workerData: { role: WORKER_ROLE, keyCacheSize: this.options.keyCacheSize },
    });
    worker.unref();
    const thread: VerifierThread = { worker, inFlight: new Map(), items: 0, cachedKeys: 0 };
    worker.on('message', ({ id, results, cachedKeys }: BatchResult) => {
      const items = thread.inFlight.get(id);
      if (items === undefined) return;
      thread.inFlight.delete(id);
      thread.items -= items.length;
      thread.cachedKeys = cachedKeys;
      let valid = 0;
      items.forEach((item, i) => {
        if (results[i] === 1) valid++;
        this.answer(item, results[i] === 1);
      });
      this.verified.inc({ thread: 'worker', result: 'valid' }, valid);
      this.verified.inc({ thread: 'worker', result: 'invalid' }, items.length - valid);
      this.flush();
    });
    const replace = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index < 0) return;
      this.failures.inc();
      this.options.onWorkerFailure?.(error);
      this.settleHere(thread);
      const again = !this.closed && this.replacements++ < MAX_WORKER_REPLACEMENTS;
      this.threads.splice(index, 1, ...(again ? [this.spawn()] : []));
      this.flush();
    };
    worker.on('error', replace);
    worker.on('exit', (code) => replace(new Error(`signature worker exited with code ${code}`)));
    return thread;
  }

  /** Verifies on the event loop whatever a worker still holds. */
  private settleHere(thread: VerifierThread): void {
    for (const items of thread.inFlight.values())
      for (const item of items)
        this.answer(item, this.verifyHere(item.publicKey, item.data, item.signature));
    thread.inFlight.clear();
    thread.items = 0;
    thread.cachedKeys = 0;
  }
}
