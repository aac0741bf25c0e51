import { KafkaIntegrationConsumer } from '@hemotrace/messaging';
import { testKafka } from './broker';
import { openConsumerStore, recordingHandler } from './stores';

/**
 * A consuming service in its own process (forked by the tests). With CRASH_AFTER=n it kills
 * itself with SIGKILL right after the n-th handled event is committed to its store and before
 * the Kafka offset is: the worst moment for a crash.
 */
const env = process.env;
const crashAfter = Number(env.CRASH_AFTER ?? 0);

const main = async () => {
  const consumer = new KafkaIntegrationConsumer(recordingHandler(env.HANDLER!), {
    kafka: testKafka(env.BROKERS!),
    readModels: openConsumerStore(env.DB!),
    topicPrefix: env.PREFIX,
    sessionTimeoutMs: 6_000,
    onHandled: (_event, outcome) => {
      if (outcome === 'handled' && consumer.stats.handled === crashAfter)
        process.kill(process.pid, 'SIGKILL');
    },
  });
  await consumer.start();
  process.send?.({ ready: true });
};

main().catch((error: unknown) => {
  process.send?.({ error: String(error) });
  process.exit(1);
});
