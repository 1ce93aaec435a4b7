/**
 * A broker answers UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this
 * topic-partition") for a moment after a topic was created, until its metadata has reached
 * every broker; kafkajs's createTopics({ waitForLeaders }) waits out LEADER_NOT_AVAILABLE but
 * gives up on this one. Seen on a fresh KRaft broker in the compose stack: two services died
 * at start with it.
 */
export function isTopicNotYetServed(error: unknown): boolean {
  const type = (error as { type?: unknown } | undefined)?.type;
  return type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'LEADER_NOT_AVAILABLE';
}

export interface TopicReadinessOptions {
  readonly timeoutMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Runs `work` again, with a growing pause, while it fails only because a topic is not yet served. */
export async function retryWhileTopicsNotServed<T>(
  work: () => Promise<T>,
  {
    timeoutMs,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    now = Date.now,
  }: TopicReadinessOptions,
): Promise<T> {
  const deadline = now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTopicNotYetServed(error) || now() >= deadline) throw error;
      await sleep(Math.min(100 * attempt, 1000));
    }
  }
}
