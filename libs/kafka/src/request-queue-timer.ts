// The declaration travels with this file to every project that compiles it from source.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./kafkajs-request-queue.d.ts" />
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

/** kafkajs' own interval for re-checking requests that wait behind the in-flight limit. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/**
 * kafkajs 2.2.4 (its last release) arms a timer for its pending requests after every response
 * whether or not anything is pending, at a negative delay Node runs after 1 ms, which arms the
 * next one: every broker connection that has sent a request wakes its process a thousand times
 * a second for as long as it is open (kafkajs issues #1556, #1704; the fix, PR #1667, was never
 * released). The timer is only needed while requests wait, for the in-flight limit or the
 * broker's throttling; a request that waits arms it itself when it is queued, and a response
 * checks the queue, so an empty queue needs no timer.
 */
RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(
  this: RequestQueue,
) {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
};
