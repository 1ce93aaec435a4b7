import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import RequestQueue, { type QueuedRequest } from 'kafkajs/src/network/requestQueue/index.js';
import './request-queue-timer.js';

const silent = { debug: () => undefined, warn: () => undefined };
const queues: RequestQueue[] = [];

function queue(maxInFlightRequests: number | null) {
  const made = new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'request-queue-timer',
    broker: '127.0.0.1:9092',
    logger: silent,
  });
  queues.push(made);
  return made;
}

/** A request that records when it went out; its response is handed in with respond(). */
function request(correlationId: number) {
  const sent: number[] = [];
  const queued: QueuedRequest = {
    entry: { correlationId, resolve: () => undefined },
    expectResponse: true,
    sendRequest: () => sent.push(Date.now()),
  };
  return { queued, sent };
}

const timerArmed = (connection: RequestQueue) => connection.throttleCheckTimeoutId !== null;

const respond = (to: RequestQueue, correlationId: number) =>
  to.fulfillRequest({ correlationId, payload: null, size: 0 });

afterEach(() => {
  for (const made of queues.splice(0)) made.destroy();
});

describe('kafkajs request queue timer', () => {
  it('arms no timer once nothing waits (kafkajs re-armed a 1 ms timer forever)', () => {
    const connection = queue(1);
    const first = request(1);
    connection.push(first.queued);
    respond(connection, 1);
    expect(first.sent).toHaveLength(1);
    expect(timerArmed(connection)).toBe(false);
  });

  it('sends a request held back by the in-flight limit when the earlier response arrives', async () => {
    const connection = queue(1);
    const [first, second] = [request(1), request(2)];
    connection.push(first.queued);
    connection.push(second.queued);
    expect(second.sent).toHaveLength(0);
    expect(timerArmed(connection)).toBe(true);
    respond(connection, 1);
    expect(second.sent).toHaveLength(1);
    respond(connection, 2);
    await waitFor('the check timer to end', () => !timerArmed(connection), {
      timeoutMs: 1000,
      intervalMs: 5,
    });
  });

  it('sends a request queued while the broker throttles once the throttle time is over', async () => {
    const connection = queue(null);
    connection.maybeThrottle(60);
    const throttledAt = Date.now();
    const held = request(1);
    connection.push(held.queued);
    expect(held.sent).toHaveLength(0);
    await waitFor('the throttled request sent', () => held.sent.length === 1, {
      timeoutMs: 2000,
      intervalMs: 5,
    });
    expect(held.sent[0] - throttledAt).toBeGreaterThanOrEqual(55);
    respond(connection, 1);
    expect(timerArmed(connection)).toBe(false);
  });
});
