import { describe, expect, it } from '@jest/globals';
import { freePort } from '@teranode-p2p/testing';
import { Kafka, logLevel } from 'kafkajs';
import { connectionFailureLog, type ConnectionFailure } from './connection-failure-log.js';

// kafkajs itself against a port nothing listens on: every failed attempt is reported, the last
// without a retry time, and nothing else kafkajs logs is passed on.
describe('connectionFailureLog', () => {
  it('reports each failed attempt to reach the brokers, the last one without a retry', async () => {
    const port = await freePort();
    const failures: ConnectionFailure[] = [];
    const kafka = new Kafka({
      clientId: 'connection-failure-log-test',
      brokers: [`127.0.0.1:${port}`],
      connectionTimeout: 500,
      retry: { initialRetryTime: 20, retries: 2 },
      logLevel: logLevel.ERROR,
      logCreator: connectionFailureLog(2, (failure) => failures.push(failure)),
    });
    const admin = kafka.admin();
    await expect(admin.connect()).rejects.toThrow(/ECONNREFUSED/);
    expect(failures.map((f) => f.attempt)).toEqual([1, 2, 3]);
    for (const failure of failures)
      expect(failure.error).toBe(`Connection error: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(failures.slice(0, 2).every((f) => typeof f.retryInMs === 'number')).toBe(true);
    expect(failures[2]!.retryInMs).toBeUndefined();
  });

  it('drops the rest of what kafkajs logs', () => {
    const failures: ConnectionFailure[] = [];
    const log = connectionFailureLog(8, (failure) => failures.push(failure))(logLevel.ERROR);
    const entry = (namespace: string, level: logLevel, message: string) => ({
      namespace,
      level,
      label: 'ERROR',
      log: { timestamp: '', logger: 'kafkajs', message, retryCount: 0, retryTime: 100 },
    });
    log(entry('Consumer', logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded'));
    log(
      entry(
        'BrokerPool',
        logLevel.WARN,
        'Failed to connect to seed broker, trying another broker from the list: x',
      ),
    );
    log(entry('BrokerPool', logLevel.ERROR, 'The group is rebalancing'));
    expect(failures).toEqual([]);
    log(
      entry(
        'BrokerPool',
        logLevel.ERROR,
        'Failed to connect to seed broker, trying another broker from the list: boom',
      ),
    );
    expect(failures).toEqual([{ error: 'boom', attempt: 1, retryInMs: 100 }]);
  });
});
