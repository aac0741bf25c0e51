import type { Kafka } from 'kafkajs';
import { InMemoryEventStore, InMemoryReadModelStore } from '@hemotrace/event-sourcing';
import type { IntegrationEventHandler } from '../bus.port';
import type { IntegrationEvent } from '../contracts/integration-event';
import type { DeadLetter } from '../failures/dead-letter';
import { DEAD_LETTERS } from '../failures/dead-letter';
import { DeadLetterOffice } from '../failures/dead-letter-office';
import { ReactionNotCarriedOut } from '../failures/failure-error';
import { ReactionFailureLog } from '../failures/reaction-failure-log';
import { encodeKafkaRecord } from './cloudevents';
import { KafkaBus } from './kafka-bus';
import { KafkaIntegrationConsumer, RetiredMemberError } from './kafka-consumer';

/** Only the calls the consumer makes; the real broker paths are covered by test/kafka. */
const fakeKafka = () => {
  const sent: { topic: string; headers: Record<string, unknown> }[] = [];
  const committed: unknown[] = [];
  const emitter = { on: () => undefined };
  const kafka = {
    consumer: () => ({
      ...emitter,
      events: { CRASH: 'crash', GROUP_JOIN: 'join' },
      commitOffsets: async (offsets: unknown[]) => void committed.push(...offsets),
    }),
    producer: () => ({
      ...emitter,
      events: { DISCONNECT: 'disconnect' },
      connect: async () => undefined,
      send: async (record: { topic: string; messages: { headers: Record<string, unknown> }[] }) =>
        void sent.push({ topic: record.topic, headers: record.messages[0]!.headers }),
    }),
  } as unknown as Kafka;
  return { kafka, sent, committed };
};

const cause: IntegrationEvent = {
  id: '0190a1b2-0000-7000-8000-0000000000cc',
  type: 'laboratory.DonorConfirmedPositive.v1',
  source: 'hemotrace/laboratory',
  subject: 'DonationTesting-G123425000001',
  time: '2025-03-01T08:00:00.000Z',
  recordedAt: '2025-03-01T08:00:01.000Z',
  streamVersion: 7,
  correlationId: 'corr-1',
  causationId: null,
  data: { din: 'G123425000001', donorId: 'd-1', marker: 'HIV', recordedAtSite: 'BC-1' },
};

describe('a Kafka consumer that gives up on an event', () => {
  it('sends it to the DLQ, keeps a dead letter and records ReactionFailed; a replay applies it once', async () => {
    const { kafka, sent, committed } = fakeKafka();
    const store = new InMemoryEventStore();
    const readModels = new InMemoryReadModelStore();
    const log = new ReactionFailureLog(store);
    const fault = { on: true };
    const deferred: string[] = [];
    const handler: IntegrationEventHandler = {
      name: 'donors.permanent-deferral-on-confirmed-positive',
      contexts: ['laboratory'],
      async handle(event) {
        if (fault.on)
          throw new ReactionNotCarriedOut(
            Object.assign(new Error('No donor d-1'), { code: 'DONORS.DONOR_NOT_FOUND' }),
          );
        deferred.push(event.id);
      },
    };
    const bus = new KafkaBus({
      kafka,
      readModels,
      topicPrefix: 'test',
      now: () => new Date('2025-03-02T09:00:00.000Z'),
      deadLetters: log,
    });
    bus.subscribe(handler);
    /* The message handler kafkajs would call for this group. */
    const consumer = bus.subscriptions[0] as unknown as {
      consumer: unknown;
      onMessage(member: unknown, payload: unknown): Promise<void>;
    };
    const record = encodeKafkaRecord(cause);
    await consumer.onMessage(consumer.consumer, {
      topic: 'test.laboratory.v1',
      partition: 0,
      message: {
        key: Buffer.from(record.key),
        value: Buffer.from(record.value),
        headers: record.headers,
        offset: '41',
      },
      heartbeat: async () => undefined,
    });

    expect(sent).toEqual([
      expect.objectContaining({
        topic: 'test.laboratory.v1.dlq',
        headers: expect.objectContaining({ dlq_attempts: '1', dlq_error_name: 'ReactionNotCarriedOut' }),
      }),
    ]);
    expect(committed).toEqual([{ topic: 'test.laboratory.v1', partition: 0, offset: '42' }]);
    const [letter] = await readModels.find<DeadLetter>(DEAD_LETTERS);
    expect(letter).toMatchObject({
      id: `donors.permanent-deferral-on-confirmed-positive:${cause.id}`,
      bus: 'kafka',
      attempts: 1,
      error: { code: 'DONORS.DONOR_NOT_FOUND', message: 'No donor d-1' },
      event: { id: cause.id, type: cause.type },
    });
    const [failed] = await store.readStream(
      'ReactionFailure-donors.permanent-deferral-on-confirmed-positive',
    );
    expect(failed).toMatchObject({
      type: 'ReactionFailed',
      causationId: cause.id,
      occurredAt: '2025-03-02T09:00:00.000Z',
      data: { bus: 'kafka', cause: { eventId: cause.id, subject: cause.subject } },
    });

    fault.on = false;
    const office = new DeadLetterOffice(bus, readModels, log);
    const admin = { userId: 'u-admin', role: 'admin' as const, siteId: 'BC-1' };
    await expect(office.replay(letter!.id, admin)).resolves.toMatchObject({ outcome: 'applied' });
    expect(deferred).toEqual([cause.id]);
    expect(await readModels.count(DEAD_LETTERS)).toBe(0);
  });
});

/* Members as kafkajs would hand them out; the first one's commit never answers (a stale coordinator). */
const fakeGroup = () => {
  const members: {
    calls: string[];
    committed: unknown[];
    eachMessage?: (payload: unknown) => Promise<void>;
    crash?: (event: { payload: { error: Error; restart: boolean } }) => void;
  }[] = [];
  const kafka = {
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      listTopics: async () => ['test.laboratory.v1', 'test.laboratory.v1.dlq'],
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
        topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1 }] })),
      }),
    }),
    consumer: () => {
      const member = { calls: [] as string[], committed: [] as unknown[] } as (typeof members)[number];
      const first = members.length === 0;
      members.push(member);
      return {
        on: (name: string, listener: (typeof members)[number]['crash']) => {
          if (name === 'crash') member.crash = listener;
        },
        events: { CRASH: 'crash', GROUP_JOIN: 'join' },
        connect: async () => void member.calls.push('connect'),
        subscribe: async () => void member.calls.push('subscribe'),
        run: async ({ eachMessage }: { eachMessage: (payload: unknown) => Promise<void> }) => {
          member.calls.push('run');
          member.eachMessage = eachMessage;
        },
        disconnect: async () => void member.calls.push('disconnect'),
        commitOffsets: (offsets: unknown[]) =>
          first ? new Promise(() => undefined) : Promise.resolve(void member.committed.push(...offsets)),
      };
    },
    producer: () => ({
      on: () => undefined,
      events: { DISCONNECT: 'disconnect' },
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  return { kafka, members };
};

describe('a Kafka consumer member whose offset commit is stuck', () => {
  it('is retired and replaced by a fresh member, which commits; the redelivered event makes no second effect', async () => {
    const { kafka, members } = fakeGroup();
    const effects: string[] = [];
    const replaced: string[] = [];
    const consumer = new KafkaIntegrationConsumer(
      {
        name: 'donors.permanent-deferral-on-confirmed-positive',
        contexts: ['laboratory'],
        async handle(event) {
          effects.push(event.id);
        },
      },
      {
        kafka,
        readModels: new InMemoryReadModelStore(),
        topicPrefix: 'test',
        commitTimeoutMs: 20,
        onMemberReplaced: (reason) => replaced.push(reason),
      },
    );
    await consumer.start();
    const record = encodeKafkaRecord(cause);
    const payload = {
      topic: 'test.laboratory.v1',
      partition: 0,
      message: {
        key: Buffer.from(record.key),
        value: Buffer.from(record.value),
        headers: record.headers,
        offset: '41',
      },
      heartbeat: async () => undefined,
    };

    await expect(members[0]!.eachMessage!(payload)).rejects.toBeInstanceOf(RetiredMemberError);
    await expect(members[0]!.eachMessage!(payload)).rejects.toBeInstanceOf(RetiredMemberError);
    for (let i = 0; i < 100 && !members[1]?.eachMessage; i += 1) await new Promise((r) => setTimeout(r, 5));
    await members[1]!.eachMessage!(payload);
    await consumer.stop();

    expect(replaced).toEqual(['offset commit of test.laboratory.v1/0@41 stuck for 20 ms']);
    expect(members.map((m) => m.calls)).toEqual([
      ['connect', 'subscribe', 'run', 'disconnect'],
      ['connect', 'subscribe', 'run', 'disconnect'],
    ]);
    expect(members[1]!.committed).toEqual([{ topic: 'test.laboratory.v1', partition: 0, offset: '42' }]);
    expect(effects).toEqual([cause.id]);
    expect(consumer.stats).toMatchObject({ handled: 1, duplicates: 1, replacedMembers: 1 });
  });
});

describe('a Kafka consumer member that crashed for good', () => {
  it('is replaced when kafkajs will not restart it, and left to kafkajs when it will', async () => {
    const { kafka, members } = fakeGroup();
    const replaced: string[] = [];
    const consumer = new KafkaIntegrationConsumer(
      { name: 'traceability.lineage', contexts: ['laboratory'], async handle() {} },
      {
        kafka,
        readModels: new InMemoryReadModelStore(),
        topicPrefix: 'test',
        onError: () => undefined,
        onMemberReplaced: (r) => replaced.push(r),
      },
    );
    await consumer.start();

    members[0]!.crash!({ payload: { error: new Error('Connection timeout'), restart: true } });
    expect(members).toHaveLength(1);
    members[0]!.crash!({
      payload: { error: new Error('The coordinator is not aware of this member'), restart: false },
    });
    for (let i = 0; i < 100 && !members[1]?.eachMessage; i += 1) await new Promise((r) => setTimeout(r, 5));
    // A late crash report of the member already retired changes nothing.
    members[0]!.crash!({ payload: { error: new Error('again'), restart: false } });
    await consumer.stop();

    expect(replaced).toEqual(['crashed: The coordinator is not aware of this member']);
    expect(members.map((m) => m.calls)).toEqual([
      ['connect', 'subscribe', 'run', 'disconnect'],
      ['connect', 'subscribe', 'run', 'disconnect'],
    ]);
  });
});
