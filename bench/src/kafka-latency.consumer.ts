import { InMemoryReadModelStore } from '@hemotrace/event-sourcing';
import { createKafka, KafkaIntegrationConsumer } from '@hemotrace/messaging';

/**
 * The far end of the latency bench, forked as its own process: a Hemotrace consumer (dedupe,
 * offset commit per message) that notes, for each event, now minus the time the store recorded it.
 */
const env = process.env;
const expected = Number(env.BENCH_EXPECTED);
const latencies: number[] = [];

const main = async () => {
  const consumer = new KafkaIntegrationConsumer(
    {
      name: env.BENCH_GROUP!,
      contexts: ['laboratory'],
      async handle(event) {
        latencies.push(Date.now() - Date.parse(event.recordedAt));
        if (latencies.length === expected) process.send?.({ latencies });
      },
    },
    {
      kafka: createKafka({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'hemotrace-bench-consumer' }),
      readModels: new InMemoryReadModelStore(),
      topicPrefix: env.BENCH_TOPIC_PREFIX,
      fromBeginning: true,
      onGroupJoin: () => process.send?.({ ready: true }),
    },
  );
  await consumer.start();
  process.on('message', () => {
    void consumer.stop().then(() => process.exit(0));
  });
};

main().catch((error: unknown) => {
  process.send?.({ error: String(error) });
  process.exit(1);
});
