import type { Kafka, Message, Producer, ProducerRecord } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { PartitionedSender } from './partitioned-send';

/* Unit tier: what reaches the producer. The broker-side proof is test/kafka/kraft-cluster.e2e-spec.ts. */
const PARTITIONS = 3;

const fakes = (send: (record: ProducerRecord) => Promise<unknown>) => {
  let metadataReads = 0;
  const kafka = {
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
        metadataReads += 1;
        return {
          topics: topics.map((name) => ({
            name,
            partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partitionId: p, leader: p + 1 })),
          })),
        };
      },
    }),
  } as unknown as Kafka;
  const producer = { send } as unknown as Producer;
  return { sender: new PartitionedSender(kafka, producer), metadataReads: () => metadataReads };
};

const records = (count: number): Message[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `Unit-G12342500${String(i).padStart(4, '0')}-E0001`,
    value: `${i}`,
  }));

const kafkajsChoice = (topic: string, message: Message): number =>
  Partitioners.DefaultPartitioner()({
    topic,
    message,
    partitionMetadata: Array.from({ length: PARTITIONS }, (_, partitionId) => ({
      partitionId,
      leader: 1,
      replicas: [],
      isr: [],
      partitionErrorCode: 0,
    })),
  });

describe('sending one topic-partition per produce call', () => {
  it('puts every record on the partition kafkajs would have chosen, one partition and one topic per call, in log order', async () => {
    const sent: ProducerRecord[] = [];
    const { sender } = fakes(async (record) => sent.push(record));
    const lab = records(40);
    const donors = records(5);

    await sender.send([
      { topic: 'hemotrace.laboratory.v1', messages: lab },
      { topic: 'hemotrace.donors.v1', messages: donors },
    ]);

    for (const call of sent) {
      expect(call.acks).toBe(-1);
      expect(new Set(call.messages.map((m) => m.partition)).size).toBe(1);
      for (const m of call.messages) expect(m.partition).toBe(kafkajsChoice(call.topic, m));
    }
    const labCalls = sent.filter((c) => c.topic === 'hemotrace.laboratory.v1');
    expect(labCalls.length).toBeGreaterThan(1);
    expect(labCalls.flatMap((c) => c.messages.map((m) => m.value)).sort()).toEqual(
      lab.map((m) => m.value).sort(),
    );
    for (const call of labCalls) {
      const values = call.messages.map((m) => Number(m.value));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(sent.filter((c) => c.topic === 'hemotrace.donors.v1').flatMap((c) => c.messages)).toHaveLength(5);
  });

  it('rejects a batch only after every call of it has settled, and re-reads the partition counts before the retry', async () => {
    let slowDone = false;
    let call = 0;
    const { sender, metadataReads } = fakes(async () => {
      call += 1;
      if (call === 1) throw new Error('broker 1 is gone');
      await new Promise((resolve) => setTimeout(resolve, 30));
      slowDone = true;
    });

    await expect(sender.send([{ topic: 'hemotrace.laboratory.v1', messages: records(40) }])).rejects.toThrow(
      'broker 1 is gone',
    );
    expect(slowDone).toBe(true);
    expect(metadataReads()).toBe(1);
    await sender.send([{ topic: 'hemotrace.laboratory.v1', messages: records(1) }]);
    expect(metadataReads()).toBe(2);
  });

  it('refuses to guess a partition for a topic the cluster does not know', async () => {
    const kafka = {
      admin: () => ({
        connect: async () => undefined,
        disconnect: async () => undefined,
        fetchTopicMetadata: async () => ({ topics: [] }),
      }),
    } as unknown as Kafka;
    const send = jest.fn();
    const sender = new PartitionedSender(kafka, { send } as unknown as Producer);
    await expect(sender.send([{ topic: 'hemotrace.nowhere.v1', messages: records(1) }])).rejects.toThrow(
      'No partitions known for hemotrace.nowhere.v1',
    );
    expect(send).not.toHaveBeenCalled();
  });
});
