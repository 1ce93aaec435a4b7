import kafkajs, { type Assignment, type PartitionAssigner } from 'kafkajs';

const { AssignerProtocol } = kafkajs;

export const SUBSCRIPTION_ROUND_ROBIN = 'SubscriptionRoundRobinAssigner';

export interface MemberSubscription {
  memberId: string;
  topics: readonly string[];
}

/**
 * Round-robin over the members in member-id order, each partition going to the next member that
 * subscribes to its topic. Every member gets an entry, empty when nothing fell to it.
 */
export function planAssignment(
  members: readonly MemberSubscription[],
  partitionsOf: (topic: string) => readonly number[],
): Map<string, Assignment> {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const plan = new Map<string, Assignment>(sorted.map((m) => [m.memberId, {}]));
  const topics = [...new Set(sorted.flatMap((m) => m.topics))].sort();
  let cursor = 0;
  for (const topic of topics) {
    for (const partition of [...partitionsOf(topic)].sort((a, b) => a - b)) {
      while (!sorted[cursor % sorted.length]!.topics.includes(topic)) cursor++;
      const assignment = plan.get(sorted[cursor % sorted.length]!.memberId)!;
      (assignment[topic] ??= []).push(partition);
      cursor++;
    }
  }
  return plan;
}

/**
 * kafkajs's round-robin assigner hands out only the group leader's topics, to every member
 * whether it subscribes to them or not: a member of a group whose members read different topics
 * silently reads nothing (two services, or two nodes' services on one broker, given the same
 * group id). This one assigns each topic only among its subscribers.
 */
export const subscriptionRoundRobin: PartitionAssigner = ({ cluster }) => ({
  name: SUBSCRIPTION_ROUND_ROBIN,
  version: 0,
  protocol: ({ topics }) => ({
    name: SUBSCRIPTION_ROUND_ROBIN,
    metadata: AssignerProtocol.MemberMetadata.encode({
      version: 0,
      topics,
      userData: Buffer.alloc(0),
    }),
  }),
  async assign({ members }) {
    const subscriptions = members.map(({ memberId, memberMetadata }) => ({
      memberId,
      topics: AssignerProtocol.MemberMetadata.decode(memberMetadata)?.topics ?? [],
    }));
    // The leader's metadata covers only its own topics until asked for the others'.
    await cluster.addMultipleTargetTopics([...new Set(subscriptions.flatMap((m) => m.topics))]);
    const plan = planAssignment(subscriptions, (topic) =>
      cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId),
    );
    return [...plan].map(([memberId, assignment]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment,
        userData: Buffer.alloc(0),
      }),
    }));
  },
});
