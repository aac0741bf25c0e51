import type { LogEntry } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';

export type KafkaLog = (level: 'error' | 'warn' | 'info', message: string, extra: object) => void;

export interface KafkaClientOptions {
  brokers: string[];
  clientId?: string;
  /** Where kafkajs' own log lines go; silent when absent (outages are reported through onError). */
  log?: KafkaLog;
}

/** Short timeouts and retries: during an outage the caller's own backoff loop decides what to do. */
export const createKafka = (options: KafkaClientOptions): Kafka =>
  new Kafka({
    clientId: options.clientId ?? 'hemotrace',
    brokers: options.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 4 },
    logLevel: options.log ? logLevel.WARN : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const level =
        entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
      options.log?.(level, `kafkajs ${entry.namespace}: ${message}`, extra);
    },
  });

/**
 * Creates the topics that do not exist yet (the broker may also auto-create, but with its defaults)
 * and waits until every partition has a leader: another process may be creating the same topics,
 * and a topic fresh in the controller can still be unknown to the broker answering metadata.
 */
export const ensureTopics = async (
  kafka: Kafka,
  topics: string[],
  partitions = 3,
  timeoutMs = 15_000,
): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin
        // waitForLeaders off: on a cluster a broker the metadata request lands on may not know the
        // new topic yet (UNKNOWN_TOPIC_OR_PARTITION, thrown after kafkajs' retries); the loop below waits.
        .createTopics({
          topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
          waitForLeaders: false,
        })
        .catch((error: unknown) => {
          if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
        });
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await admin
        .fetchTopicMetadata({ topics })
        .then((m) =>
          m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
        )
        .catch(() => false);
      if (ready) return;
      if (Date.now() > deadline)
        throw new Error(`Topics not ready after ${timeoutMs} ms: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
};
