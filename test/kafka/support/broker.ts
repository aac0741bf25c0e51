import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Kafka } from 'kafkajs';
import { allTopics, createKafka, deadLetterTopicFor } from '@hemotrace/messaging';

export const ROOT = resolve(__dirname, '../../..');

const script = (name: string): string => join(ROOT, 'infra/kafka', name);

/** Starts the real broker (idempotent: a no-op when it already runs) and returns its address. */
export const startBroker = (): string => {
  const out = execFileSync('bash', [script('start.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.trim().split('\n').pop()!;
};

export const stopBroker = (): void => {
  execFileSync('bash', [script('stop.sh')], { stdio: ['ignore', 'ignore', 'pipe'] });
};

/** A topic prefix no earlier run used, so reruns never see old data. */
export const uniquePrefix = (scenario: string): string =>
  `${process.env.HEMOTRACE_TOPIC_PREFIX ?? 'hemotrace-test'}-${scenario}-${Date.now().toString(36)}${Math.random()
    .toString(36)
    .slice(2, 6)}`;

export const testKafka = (brokers: string): Kafka =>
  createKafka({ brokers: [brokers], clientId: 'hemotrace-e2e' });

/** Removes a scenario's topics so the throwaway broker does not pile up partitions over reruns. */
export const deleteTopics = async (kafka: Kafka, prefix: string): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ours = new Set([...allTopics(prefix), ...allTopics(prefix).map(deadLetterTopicFor)]);
    const existing = (await admin.listTopics()).filter((t) => ours.has(t));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  } finally {
    await admin.disconnect();
  }
};

export const eventually = async <T>(
  probe: () => Promise<T>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
};
