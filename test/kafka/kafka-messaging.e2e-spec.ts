import { execFileSync, fork } from 'node:child_process';
import { join } from 'node:path';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { RecordedEvent } from '@hemotrace/event-sourcing';
import type { ContractProjection } from '@hemotrace/messaging';
import {
  ContractRegistry,
  deadLetterTopicFor,
  ensureTopics,
  KafkaBus,
  KafkaIntegrationConsumer,
  KafkaRelay,
  PROCESSED_MESSAGES,
  topicFor,
} from '@hemotrace/messaging';
import { deleteTopics, eventually, startBroker, stopBroker, testKafka, uniquePrefix } from './support/broker';
import type { Seen } from './support/stores';
import { appendOne, openConsumerStore, openLog, recordingHandler, tempDir } from './support/stores';

/*
 * One file on purpose: the outage scenario stops the shared broker, so no other scenario of ours
 * may run beside it. Each scenario has its own topic prefix and its own stores.
 */
jest.setTimeout(120_000);

interface Received {
  topic: string;
  partition: number;
  key: string;
  headers: Record<string, string>;
  value: unknown;
}

const text = (message: KafkaMessage): Omit<Received, 'topic' | 'partition'> => ({
  key: message.key?.toString() ?? '',
  headers: Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
  ),
  value: parseOrRaw(message.value?.toString() ?? null),
});

const parseOrRaw = (value: string | null): unknown => {
  try {
    return value === null ? null : JSON.parse(value);
  } catch {
    return value;
  }
};

/** A plain kafkajs consumer, as any other service would write one: no Hemotrace code involved. */
const readTopics = async (kafka: Kafka, groupId: string, topics: string[]) => {
  const received: Received[] = [];
  await ensureTopics(kafka, topics);
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 1_000 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        received.push({ topic, partition, ...text(message) });
      },
    });
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }
  return { received, stop: () => consumer.disconnect() };
};

const versions = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('integration events over a real Kafka broker', () => {
  let brokers: string;
  let kafka: Kafka;
  const prefixes: string[] = [];
  let cleanup: (() => Promise<unknown>)[] = [];

  const scenario = (name: string) => {
    const prefix = uniquePrefix(name);
    prefixes.push(prefix);
    return prefix;
  };

  const startRelay = async (prefix: string, log: ReturnType<typeof openLog>) => {
    const relay = new KafkaRelay({
      kafka,
      store: log.events,
      readModels: log.readModels,
      registry: new ContractRegistry({ publishUnregistered: true }),
      topicPrefix: prefix,
      pollIntervalMs: 50,
    });
    await relay.start();
    cleanup.push(() => relay.stop());
    return relay;
  };

  beforeAll(() => {
    brokers = startBroker();
    kafka = testKafka(brokers);
  });

  afterEach(async () => {
    for (const stop of cleanup.reverse()) await stop().catch(() => undefined);
    cleanup = [];
  });

  afterAll(async () => {
    startBroker();
    for (const prefix of prefixes) await deleteTopics(kafka, prefix).catch(() => undefined);
  });

  it('relays the log to a topic per context, keyed by stream, in per-key order, with CloudEvents headers', async () => {
    const prefix = scenario('relay');
    const log = openLog(tempDir());
    const dins = ['A', 'B', 'C', 'D', 'E'].map((c) => `DonationTesting-G1234250000${c}`);
    for (let round = 1; round <= 8; round += 1) {
      for (const din of dins) await appendOne(log.events, din, 'MarkerResultRecorded', { round });
    }
    await appendOne(log.events, 'Donation-G123425000009', 'DonationCompleted', { volumeMl: 400 });
    await appendOne(log.events, 'DonorIdentity-d-1', 'DonorIdentityRecorded', { name: 'Li Wei' });
    const { events: stored } = await log.events.readAll('', 1000);
    const byId = new Map<string, RecordedEvent>(stored.map((e) => [e.eventId, e]));

    const relay = await startRelay(prefix, log);
    const reader = await readTopics(
      kafka,
      `${prefix}.reader`,
      ['laboratory', 'collection', 'donors'].map((c) => topicFor(c as 'laboratory', prefix)),
    );
    cleanup.push(reader.stop);

    // At-least-once: a produce request the client retried can repeat records; consumers dedupe by ce_id.
    const firstDeliveries = () =>
      reader.received.filter((m, i, all) => all.findIndex((o) => o.headers.ce_id === m.headers.ce_id) === i);
    await eventually(async () => expect(firstDeliveries()).toHaveLength(41));
    const lab = firstDeliveries().filter((m) => m.topic === `${prefix}.laboratory.v1`);
    expect(lab).toHaveLength(40);
    for (const din of dins) {
      const ofKey = lab.filter((m) => m.key === din);
      expect(ofKey.map((m) => Number(m.headers.ce_streamversion))).toEqual(versions(8));
      expect(ofKey.map((m) => (m.value as { round: number }).round)).toEqual(versions(8));
      expect(new Set(reader.received.filter((m) => m.key === din).map((m) => m.partition)).size).toBe(1);
    }
    for (const message of reader.received) {
      const original = byId.get(message.headers.ce_id)!;
      expect(original).toBeDefined();
      expect(message.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: original.eventId,
        ce_type: `${message.topic.split('.').at(-2)}.${original.type}.v1`,
        ce_source: `hemotrace/${message.topic.split('.').at(-2)}`,
        ce_subject: original.streamId,
        ce_time: original.occurredAt,
        ce_recordedat: original.recordedAt,
        ce_streamversion: String(original.streamVersion),
        ce_correlationid: original.correlationId,
        'content-type': 'application/json',
      });
      expect(message.value).toEqual(original.data);
    }
    const collection = firstDeliveries().filter((m) => m.topic === `${prefix}.collection.v1`);
    expect(collection.map((m) => m.headers.ce_type)).toEqual(['collection.DonationCompleted.v1']);
    expect(reader.received.some((m) => m.key.startsWith('DonorIdentity-'))).toBe(false);
    expect(relay.stats).toMatchObject({ published: 41, withheld: 1 });
    expect(await log.readModels.getCheckpoint('relay:kafka')).toBe(String(stored.at(-1)!.globalPosition));
  });

  it('writes records any Kafka client reads: kcat sees the JSON data and the CloudEvents headers', async () => {
    const prefix = scenario('kcat');
    const log = openLog(tempDir());
    const { events } = await appendOne(log.events, 'DonationTesting-G123425000042', 'DonationQualified', {
      din: 'G123425000042',
      bloodGroup: { abo: 'O', rhd: 'POS' },
    });
    const relay = await startRelay(prefix, log);
    await eventually(async () => expect(await relay.caughtUp()).toBe(true));

    const out = execFileSync(
      'kcat',
      ['-C', '-b', brokers, '-t', topicFor('laboratory', prefix), '-e', '-J', '-q'],
      { encoding: 'utf8' },
    );
    const records = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; payload: string; headers: string[] });
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record.key).toBe('DonationTesting-G123425000042');
    expect(JSON.parse(record.payload)).toEqual({
      din: 'G123425000042',
      bloodGroup: { abo: 'O', rhd: 'POS' },
    });
    const headers = Object.fromEntries(
      record.headers.flatMap((value, i, all) => (i % 2 === 0 ? [[value, all[i + 1]]] : [])),
    );
    expect(headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: events[0].eventId,
      ce_type: 'laboratory.DonationQualified.v1',
      ce_source: 'hemotrace/laboratory',
      ce_subject: 'DonationTesting-G123425000042',
      'content-type': 'application/json',
    });
  });

  it('loses nothing, duplicates no effect and keeps per-entity order when the broker stops under load', async () => {
    const prefix = scenario('outage');
    const log = openLog(tempDir());
    const consumerStore = openConsumerStore(join(tempDir(), 'consumer.db'));
    const streams = ['P', 'Q', 'R', 'S'].map((c) => `DonationTesting-G1234250001${c}`);
    const appendRound = async (round: number) => {
      for (const stream of streams) await appendOne(log.events, stream, 'MarkerResultRecorded', { round });
    };
    const relay = await startRelay(prefix, log);
    const consumer = new KafkaIntegrationConsumer(recordingHandler('outage-watcher'), {
      kafka,
      readModels: consumerStore,
      topicPrefix: prefix,
      sessionTimeoutMs: 6_000,
    });
    await consumer.start();
    cleanup.push(() => consumer.stop());

    for (let round = 1; round <= 5; round += 1) await appendRound(round);
    await eventually(async () => expect(await consumerStore.count(PROCESSED_MESSAGES)).toBe(20));

    stopBroker();
    try {
      for (let round = 6; round <= 15; round += 1) {
        await appendRound(round);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await eventually(async () => expect(relay.stats.failures).toBeGreaterThan(0));
      expect(await log.readModels.getCheckpoint('relay:kafka')).toBe('20');
    } finally {
      startBroker();
    }
    for (let round = 16; round <= 20; round += 1) await appendRound(round);

    await eventually(
      async () => expect(await consumerStore.count(PROCESSED_MESSAGES)).toBe(80),
      100_000,
      250,
    );
    for (const stream of streams) {
      expect((await consumerStore.get<Seen>('seen', stream))?.versions).toEqual(versions(20));
    }
    expect(consumer.stats.handled).toBe(80);
    expect(await log.readModels.getCheckpoint('relay:kafka')).toBe('80');
  });

  it('resumes a killed consumer from its committed offset without repeating an effect', async () => {
    const prefix = scenario('restart');
    const log = openLog(tempDir());
    const db = join(tempDir(), 'consumer.db');
    const streams = ['K', 'L', 'M', 'N'].map((c) => `DonationTesting-G1234250002${c}`);
    for (let round = 1; round <= 10; round += 1) {
      for (const stream of streams) await appendOne(log.events, stream, 'MarkerResultRecorded', { round });
    }
    const relay = await startRelay(prefix, log);
    await eventually(async () => expect(await relay.caughtUp()).toBe(true));

    const child = fork(join(__dirname, 'support/consumer-process.ts'), [], {
      execArgv: ['-r', join(__dirname, 'support/register.js')],
      env: {
        ...process.env,
        BROKERS: brokers,
        PREFIX: prefix,
        DB: db,
        HANDLER: 'restart-watcher',
        CRASH_AFTER: '15',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    const store = openConsumerStore(db);
    expect(await store.count(PROCESSED_MESSAGES)).toBe(15);
    // Offsets were committed after each handled event but the last: 14 across the partitions.
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({
      groupId: `${prefix}.restart-watcher`,
      topics: [topicFor('laboratory', prefix)],
    });
    await admin.disconnect();
    expect(committed.partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0)).toBe(14);

    const restarted = new KafkaIntegrationConsumer(recordingHandler('restart-watcher'), {
      kafka,
      readModels: store,
      topicPrefix: prefix,
      sessionTimeoutMs: 6_000,
    });
    await restarted.start();
    cleanup.push(() => restarted.stop());
    await eventually(async () => expect(await store.count(PROCESSED_MESSAGES)).toBe(40), 60_000, 250);
    for (const stream of streams) {
      expect((await store.get<Seen>('seen', stream))?.versions).toEqual(versions(10));
    }
    // The event in flight at the crash (handled, offset not committed) comes back and is skipped; a
    // rebalance while the dead member's session expires may redeliver more, skipped the same way.
    expect(restarted.stats.handled).toBe(25);
    expect(restarted.stats.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('runs a contract projection as a consumer group: clears what its store held before its first start, folds each contract once, keeps its documents on restart', async () => {
    const prefix = scenario('projection');
    const log = openLog(tempDir());
    for (const [din, donorId] of [
      ['G123425000031', 'donor-1'],
      ['G123425000032', 'donor-1'],
      ['G123425000033', 'donor-2'],
    ])
      await appendOne(log.events, `Donation-${din}`, 'DonationCompleted', { din, donorId, volumeMl: 400 });
    const store = openConsumerStore(join(tempDir(), 'consumer.db'));
    /* Left by the log projection this one replaces: counted again, it would double the totals. */
    await store.commit('donors.donation-history', '9', [
      { op: 'put', collection: 'per_donor', id: 'donor-1', doc: { id: 'donor-1', donations: 2 } },
    ]);
    const projection: ContractProjection = {
      name: 'per-donor',
      contexts: ['collection'],
      types: ['collection.DonationCompleted.v1'],
      collections: ['per_donor'],
      async handle(event, tx) {
        const { donorId } = event.data as { donorId: string };
        const doc = await tx.get<{ id: string; donations: number }>('per_donor', donorId);
        tx.put('per_donor', donorId, { id: donorId, donations: (doc?.donations ?? 0) + 1 });
      },
    };
    const startBus = async () => {
      const bus = new KafkaBus({ kafka, readModels: store, topicPrefix: prefix, sessionTimeoutMs: 6_000 });
      bus.project(projection);
      await bus.start();
      return bus;
    };
    let bus = await startBus();
    cleanup.push(() => bus.stop());
    await startRelay(prefix, log);
    const totals = async () =>
      (
        await store.find<{ id: string; donations: number }>('per_donor', {}, { orderBy: { field: 'id' } })
      ).map((d) => [d.id, d.donations]);
    await eventually(
      async () =>
        expect(await totals()).toEqual([
          ['donor-1', 2],
          ['donor-2', 1],
        ]),
      60_000,
      250,
    );
    await bus.stop();

    await appendOne(log.events, 'Donation-G123425000034', 'DonationCompleted', {
      din: 'G123425000034',
      donorId: 'donor-2',
      volumeMl: 400,
    });
    bus = await startBus();
    await eventually(
      async () =>
        expect(await totals()).toEqual([
          ['donor-1', 2],
          ['donor-2', 2],
        ]),
      60_000,
      250,
    );
  });

  it('retries a failing handler with backoff, then dead-letters the event with the error and moves on', async () => {
    const prefix = scenario('dlq');
    const log = openLog(tempDir());
    const store = openConsumerStore(join(tempDir(), 'consumer.db'));
    await appendOne(log.events, 'DonationTesting-G123425000066', 'DonationQualified', { din: 'poison' });
    await appendOne(log.events, 'DonationTesting-G123425000066', 'DonationRejected', { din: 'fine' });
    await startRelay(prefix, log);
    const topic = topicFor('laboratory', prefix);
    let attempts = 0;
    const consumer = new KafkaIntegrationConsumer(
      {
        name: 'picky',
        contexts: ['laboratory'],
        async handle(event, tx) {
          if ((event.data as { din: string }).din === 'poison') {
            attempts += 1;
            throw new Error('unit not found');
          }
          tx.put('seen', event.id, { id: event.id });
        },
      },
      { kafka, readModels: store, topicPrefix: prefix, retry: { maxAttempts: 3, initialDelayMs: 20 } },
    );
    await consumer.start();
    cleanup.push(() => consumer.stop());

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'junk', value: 'not a cloud event' }] });
    await producer.disconnect();

    const dlq = await readTopics(kafka, `${prefix}.dlq-reader`, [deadLetterTopicFor(topic)]);
    cleanup.push(dlq.stop);
    await eventually(async () => expect(dlq.received).toHaveLength(2));
    await eventually(async () => expect(await store.count('seen')).toBe(1));
    expect(attempts).toBe(3);
    const poison = dlq.received.find((m) => m.key === 'DonationTesting-G123425000066')!;
    expect(poison.value).toEqual({ din: 'poison' });
    expect(poison.headers).toMatchObject({
      ce_type: 'laboratory.DonationQualified.v1',
      dlq_error: 'unit not found',
      dlq_attempts: '3',
      dlq_original_topic: topic,
      dlq_consumer_group: `${prefix}.picky`,
    });
    const junk = dlq.received.find((m) => m.key === 'junk')!;
    expect(junk.value).toBe('not a cloud event');
    expect(junk.headers).toMatchObject({ dlq_error_name: 'MalformedMessage', dlq_attempts: '0' });
    expect(consumer.stats).toMatchObject({ handled: 1, deadLettered: 2 });
  });
});
