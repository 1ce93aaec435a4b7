import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/** Brokers of the real Apache Kafka that scripts/kafka.sh runs (KAFKA_BROKERS overrides). */
export function testKafkaBrokers(): string[] {
  return (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
}

/** Fails with instructions when the broker is not there, instead of hanging in a test. */
export async function requireKafka(): Promise<string[]> {
  const brokers = testKafkaBrokers();
  const admin = new Kafka({
    clientId: 'test-probe',
    brokers,
    connectionTimeout: 2000,
    retry: { retries: 2 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new Error(
      `no Kafka broker at ${brokers.join(',')} (${(error as Error).message}); start one with: bash scripts/kafka.sh start`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return brokers;
}

/** A topic or group name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
