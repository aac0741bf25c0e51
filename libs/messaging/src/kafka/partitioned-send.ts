import type { Kafka, Message, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';

/**
 * Sends records one topic-partition per produce call, never several partitions in one call.
 *
 * kafkajs 2.2.4 (the last release) loses records otherwise. `sendBatch` sends one request per
 * partition leader and keeps the answers per broker; when one broker fails (killed, say) it
 * refreshes the metadata and retries only the brokers that have no answer yet. A partition whose
 * leadership moved to a broker that already answered for other partitions is then never sent, and
 * the call resolves as if it had been (src/producer/sendMessages.js, `brokersWithoutResponse`).
 * The 3-broker KRaft test (test/kafka/kraft-cluster.e2e-spec.ts) caught it: an event acknowledged
 * by the relay and absent from the topic. With one partition per call there is one broker per
 * call, and a failed call is resent whole to the partition's new leader.
 *
 * The partition is the one kafkajs' default partitioner picks (murmur2 of the key, modulo the
 * topic's partition count), so keys stay on the partitions they always had.
 */
export class PartitionedSender {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private partitionCounts: Map<string, number> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
  ) {}

  /** Re-reads the partition counts before the next send (after a failure, or a reconnect). */
  forgetMetadata(): void {
    this.partitionCounts = null;
  }

  /**
   * Every record of every topic on all in-sync replicas (acks=all), or a rejection once every call
   * of this batch has settled: no call of a failed batch is still in flight when it is retried.
   */
  async send(topicMessages: { topic: string; messages: Message[] }[]): Promise<void> {
    const counts = await this.countsOf(topicMessages.map((t) => t.topic));
    const calls: { topic: string; partition: number; messages: Message[] }[] = [];
    for (const { topic, messages } of topicMessages) {
      const partitionMetadata = Array.from({ length: counts.get(topic)! }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        replicas: [],
        isr: [],
        partitionErrorCode: 0,
      }));
      const byPartition = new Map<number, Message[]>();
      for (const message of messages) {
        const partition = this.partitioner({ topic, partitionMetadata, message });
        const grouped = byPartition.get(partition);
        if (grouped) grouped.push({ ...message, partition });
        else byPartition.set(partition, [{ ...message, partition }]);
      }
      for (const [partition, grouped] of byPartition) calls.push({ topic, partition, messages: grouped });
    }
    const outcomes = await Promise.allSettled(
      calls.map(({ topic, messages }) => this.producer.send({ topic, acks: -1, messages })),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) {
      this.forgetMetadata();
      throw failed.reason;
    }
  }

  private async countsOf(topics: string[]): Promise<Map<string, number>> {
    if (this.partitionCounts && topics.every((t) => this.partitionCounts!.has(t)))
      return this.partitionCounts;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const known = new Set([...(this.partitionCounts?.keys() ?? []), ...topics]);
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...known] });
      const counts = new Map(metadata.map((t) => [t.name, t.partitions.length]));
      const missing = topics.filter((t) => !(counts.get(t)! > 0));
      if (missing.length > 0) throw new Error(`No partitions known for ${missing.join(', ')}`);
      this.partitionCounts = counts;
      return counts;
    } finally {
      await admin.disconnect();
    }
  }
}
