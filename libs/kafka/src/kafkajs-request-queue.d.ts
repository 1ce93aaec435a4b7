/** The part of kafkajs' internal per-connection request queue that request-queue-timer.ts replaces. */
declare module 'kafkajs/src/network/requestQueue/index.js' {
  export interface QueuedRequest {
    entry: { correlationId: number; resolve(response: unknown): void };
    expectResponse: boolean;
    sendRequest(): void;
  }
  export default class RequestQueue {
    constructor(options: {
      maxInFlightRequests: number | null;
      requestTimeout: number;
      enforceRequestTimeout: boolean;
      clientId: string;
      broker: string;
      logger: { debug(...args: unknown[]): void; warn(...args: unknown[]): void };
    });
    pending: unknown[];
    throttledUntil: number;
    throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
    push(request: QueuedRequest): void;
    fulfillRequest(response: { correlationId: number; payload: unknown; size: number }): void;
    maybeThrottle(clientSideThrottleTimeMs: number): void;
    checkPendingRequests(): void;
    scheduleCheckPendingRequests(): void;
    destroy(): void;
  }
}
