import type { Kafka, ProducerRecord } from 'kafkajs';
import { InMemoryEventStore, InMemoryReadModelStore } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { ContractRegistry } from '../contracts/contract-registry';
import { topicFor } from '../topics';
import { KafkaRelay } from './kafka-relay';

/* A fake broker (unit tier): what the relay hands to the producer, nothing more. */
const fakeKafka = (sent: ProducerRecord[]) =>
  ({
    producer: () => ({
      events: { DISCONNECT: 'producer.disconnect' },
      on: () => undefined,
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (record: ProducerRecord) => {
        sent.push(record);
        return [];
      },
    }),
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      listTopics: async () => [],
      createTopics: async () => true,
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
        topics: topics.map((name) => ({
          name,
          partitions: [0, 1, 2].map((p) => ({ partitionId: p, leader: 1 })),
        })),
      }),
    }),
  }) as unknown as Kafka;

const append = (store: InMemoryEventStore, streamId: string, type: string) =>
  store.append({
    streamId,
    events: [{ type, data: { din: 'G123425000001' } }],
    expectedVersion: 'any',
    metadata: { actor: systemActor('BC-1'), correlationId: 'corr-1', occurredAt: '2025-03-01T08:00:00.000Z' },
  });

describe('the Kafka relay of one context on a shared log', () => {
  it('counts the streams of other contexts as theirs, even when this service registers none of their contracts', async () => {
    const store = new InMemoryEventStore();
    const registry = new ContractRegistry();
    registry.registerContract({
      context: 'laboratory',
      storedType: 'DonationQualified',
      contractType: 'DonationQualified',
      version: 1,
      toContract: (e) => e.data,
    });
    await append(store, 'DonationTesting-G123425000001', 'DonationQualified');
    await append(store, 'DonationTesting-G123425000001', 'MarkerResultRecorded');
    await append(store, 'Donation-G123425000001', 'DonationCompleted');
    await append(store, 'Unit-G123425000001-E0001', 'UnitReleased');
    const sent: ProducerRecord[] = [];
    const relay = new KafkaRelay({
      kafka: fakeKafka(sent),
      store,
      readModels: new InMemoryReadModelStore(),
      registry,
      contexts: ['laboratory'],
      name: 'relay:kafka:laboratory',
      pollIntervalMs: 5,
      onError: () => undefined,
    });
    await relay.start();
    try {
      for (let i = 0; i < 200 && !(await relay.caughtUp()); i += 1)
        await new Promise((r) => setTimeout(r, 5));
    } finally {
      await relay.stop();
    }

    expect(relay.stats).toMatchObject({ published: 1, withheld: 1, others: 2, failures: 0 });
    const topics = sent.map((t) => [t.topic, t.messages.length]);
    expect(topics).toEqual([[topicFor('laboratory'), 1]]);
  });
});
