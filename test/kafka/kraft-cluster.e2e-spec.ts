import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';
import {
  allTopics,
  ContractRegistry,
  createKafka,
  ensureTopics,
  KafkaIntegrationConsumer,
  KafkaRelay,
  PROCESSED_MESSAGES,
  topicFor,
} from '@hemotrace/messaging';
import { eventually, ROOT, uniquePrefix } from './support/broker';
import type { Seen } from './support/stores';
import { appendOne, openConsumerStore, openLog, recordingHandler, tempDir } from './support/stores';

/*
 * Issue 13: a 3-broker KRaft cluster (infra/kafka/cluster.sh; replication factor 3,
 * min.insync.replicas 2) and the real relay (acks=all, one request in flight) and the real
 * subscriber (dedup by event id). A broker leading a partition of the topic, and coordinating the
 * subscriber's group, is killed with SIGKILL while events keep flowing through the relay and the
 * subscriber, then brought back: the relay keeps
 * publishing on the two survivors, every event the log acknowledged is on the topic once the
 * cluster recovered, in stream order per key, and the subscriber makes exactly one effect per
 * event. Waits are on real conditions (ISR size, relay and consumer progress), with timeouts.
 */
jest.setTimeout(180_000);

const cluster = (...args: string[]): string =>
  execFileSync('bash', [join(ROOT, 'infra/kafka/cluster.sh'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 150_000,
  })
    .trim()
    .split('\n')
    .pop()!;

const STREAMS = 12;
const MAX_EVENTS = 3_000;
/** offsets.topic.num.partitions in infra/kafka/cluster.sh. */
const OFFSETS_PARTITIONS = 6;
/** Kafka places a group on __consumer_offsets partition Utils.abs(groupId.hashCode()) % partitions. */
const javaHashAbs = (text: string): number => {
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash & 0x7fffffff;
};
const versions = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('integration events over a 3-broker KRaft cluster', () => {
  let kafka: Kafka;
  const stops: (() => Promise<unknown>)[] = [];
  const kafkaLog: string[] = [];

  beforeAll(() => {
    kafka = createKafka({
      brokers: cluster('start').split(','),
      clientId: 'hemotrace-kraft-e2e',
      log: (level, message, extra) =>
        kafkaLog.push(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(extra)}`),
    });
  });

  afterAll(async () => {
    // A client stuck in a failed run must not hold the cluster up: 15 s each, then on.
    for (const stop of stops.reverse()) {
      await Promise.race([
        stop().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
      ]);
    }
    if (!process.env.KAFKA_CLUSTER_KEEP) cluster('stop');
  });

  const partitionsOf = async (topics: string[]) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      return metadata.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
    } finally {
      await admin.disconnect();
    }
  };

  it('loses no acknowledged event, duplicates no effect and keeps per-stream order when a broker is killed', async () => {
    const prefix = uniquePrefix('kraft');
    const topic = topicFor('laboratory', prefix);
    const log = openLog(tempDir());
    const consumerStore = openConsumerStore(join(tempDir(), 'consumer.db'));
    await ensureTopics(kafka, allTopics(prefix));

    // Every broker answers for the new topic (metadata reaches them one by one), on 3 replicas all in sync.
    const before = await eventually(
      async () => {
        const partitions = await partitionsOf([topic]);
        expect(partitions.map((p) => [p.replicas.length, p.isr.length])).toEqual([
          [3, 3],
          [3, 3],
          [3, 3],
        ]);
        return partitions;
      },
      30_000,
      200,
    );
    const admin = kafka.admin();
    await admin.connect();
    const described = await eventually(
      () =>
        admin.describeConfigs({
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
          includeSynonyms: false,
        }),
      30_000,
      200,
    ).finally(() => admin.disconnect());
    expect(described.resources[0].configEntries.map((e) => [e.configName, e.configValue])).toEqual([
      ['min.insync.replicas', '2'],
    ]);

    const relay = new KafkaRelay({
      kafka,
      store: log.events,
      readModels: log.readModels,
      registry: new ContractRegistry({ publishUnregistered: true }),
      topicPrefix: prefix,
      pollIntervalMs: 20,
      batchSize: 50,
    });
    const consumer = new KafkaIntegrationConsumer(recordingHandler('kraft-watcher'), {
      kafka,
      readModels: consumerStore,
      topicPrefix: prefix,
      sessionTimeoutMs: 6_000,
      onError: (e) => kafkaLog.push(`${new Date().toISOString()} CONSUMER onError ${String(e)}`),
      onMemberReplaced: (reason) =>
        kafkaLog.push(`${new Date().toISOString()} CONSUMER member replaced: ${reason}`),
    });
    await relay.start();
    stops.push(() => relay.stop());
    // The subscriber consumes through the failover itself. KAFKA_CLUSTER_SUBSCRIBER=after-recovery
    // starts it only once the cluster has recovered, to read everything from the topic at once.
    const live = process.env.KAFKA_CLUSTER_SUBSCRIBER !== 'after-recovery';
    const startSubscriber = async () => {
      await consumer.start();
      stops.push(() => consumer.stop());
    };
    if (live) await startSubscriber();

    // Bounded load: one append every few milliseconds across STREAMS streams, until told to stop.
    const streams = Array.from(
      { length: STREAMS },
      (_, i) => `DonationTesting-G12342500${String(i).padStart(4, '0')}`,
    );
    let appended = 0;
    let writing = true;
    const writer = (async () => {
      while (writing && appended < MAX_EVENTS) {
        await appendOne(log.events, streams[appended % STREAMS], 'MarkerResultRecorded', { n: appended });
        appended += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const handled = () => consumerStore.count(PROCESSED_MESSAGES);

    try {
      await eventually(async () => expect(relay.stats.published).toBeGreaterThanOrEqual(100), 60_000);

      // The victim leads a partition of the topic and is, by default, also the subscriber group's
      // coordinator (the leader of its __consumer_offsets partition): the group loses its
      // coordinator and a partition leader at once. KAFKA_CLUSTER_VICTIM=leader kills a partition
      // leader that is not the coordinator.
      const offsetsPartition = javaHashAbs(`${prefix}.kraft-watcher`) % OFFSETS_PARTITIONS;
      // __consumer_offsets exists once a group has been used: only with the live subscriber.
      const coordinator = live
        ? (await partitionsOf(['__consumer_offsets'])).find((p) => p.partitionId === offsetsPartition)!.leader
        : -1;
      const leaders = (await partitionsOf([topic])).map((p) => p.leader);
      const victim =
        process.env.KAFKA_CLUSTER_VICTIM !== 'leader' && leaders.includes(coordinator)
          ? coordinator
          : leaders.find((leader) => leader !== coordinator)!;
      expect(victim).toBeDefined();
      const led = leaders.filter((leader) => leader === victim).length;
      const publishedAtKill = relay.stats.published;
      const outageStarted = Date.now();
      cluster('kill', String(victim));

      // The controller fences the dead node and shrinks every ISR to the two survivors ...
      await eventually(
        async () => {
          const now = await partitionsOf([topic]);
          expect(
            now.filter((p) => p.isr.length !== 2 || p.isr.includes(victim) || p.leader === victim),
          ).toEqual([]);
        },
        60_000,
        200,
      );
      // ... and acks=all with min.insync.replicas=2 keeps the relay publishing on them.
      await eventually(
        async () => expect(relay.stats.published).toBeGreaterThan(publishedAtKill + 100),
        60_000,
      );
      const publishedDuringOutage = relay.stats.published - publishedAtKill;

      cluster('start');
      const outageMs = Date.now() - outageStarted;
      await eventually(
        async () => {
          const now = await partitionsOf([topic]);
          expect(now.filter((p) => p.isr.length !== 3)).toEqual([]);
        },
        90_000,
        250,
      );
      const publishedAtRejoin = relay.stats.published;
      await eventually(
        async () => expect(relay.stats.published).toBeGreaterThan(publishedAtRejoin + 50),
        60_000,
      );
      writing = false;
      await writer;

      const total = appended;
      await eventually(async () => expect(await relay.caughtUp()).toBe(true), 60_000);
      if (!live) await startSubscriber();
      const subscriberCaughtUp = await eventually(
        async () => expect(await handled()).toBe(total),
        90_000,
        250,
      ).then(
        () => true,
        () => {
          // A stalled subscriber: show what kafkajs said, the last lines are the ones that matter.
          process.stderr.write(
            `subscriber stalled at ${consumer.stats.handled} of ${total}; kafkajs said:\n${kafkaLog.slice(-15).join('\n')}\n`,
          );
          if (process.env.KAFKA_CLUSTER_LOG)
            writeFileSync(process.env.KAFKA_CLUSTER_LOG, kafkaLog.join('\n'));
          return false;
        },
      );
      const { events } = await log.events.readAll('', MAX_EVENTS + 10);
      expect(events).toHaveLength(total);

      // Every event is on the topic after the outage (read back from the start by a new group),
      // checked first so that a stalled subscriber still tells whether its missing events are there.
      const reader = kafka.consumer({
        groupId: `${prefix}.audit`,
        sessionTimeout: 6_000,
        heartbeatInterval: 1_000,
      });
      const ids = new Map<string, string>();
      const order = new Map<string, number[]>();
      let deliveries = 0;
      await reader.connect();
      stops.push(() => reader.disconnect());
      await reader.subscribe({ topics: [topic], fromBeginning: true });
      await reader.run({
        eachMessage: async ({ partition, message }) => {
          deliveries += 1;
          const id = String(message.headers?.ce_id);
          if (ids.has(id)) return;
          ids.set(id, `partition ${partition} offset ${message.offset}`);
          const key = String(message.key);
          order.set(key, [...(order.get(key) ?? []), Number(String(message.headers?.ce_streamversion))]);
        },
      });
      await eventually(async () => expect(ids.size).toBe(total), 60_000, 250).catch(() => {
        const lost = events
          .filter((e) => !ids.has(e.eventId))
          .map(
            (e) => `${e.streamId} v${e.streamVersion} at log position ${e.globalPosition} (${e.recordedAt})`,
          );
        throw new Error(
          `${lost.length} events the relay acknowledged are not on the topic: ${lost.join('; ')}`,
        );
      });
      expect([...ids.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
      for (const stream of streams) {
        expect(order.get(stream)).toEqual(versions(events.filter((e) => e.streamId === stream).length));
      }

      // Exactly one effect per event, in stream order, for every stream.
      if (!subscriberCaughtUp) {
        const seen = new Map<string, number[]>();
        for (const stream of streams)
          seen.set(stream, (await consumerStore.get<Seen>('seen', stream))?.versions ?? []);
        const missed = events
          .filter((e) => !seen.get(e.streamId)?.includes(e.streamVersion))
          .map((e) => `${e.streamId} v${e.streamVersion} (${ids.get(e.eventId) ?? 'not on the topic'})`);
        throw new Error(`the subscriber never handled ${missed.length} events: ${missed.join('; ')}`);
      }
      for (const stream of streams) {
        const count = events.filter((e) => e.streamId === stream).length;
        expect((await consumerStore.get<Seen>('seen', stream))?.versions).toEqual(versions(count));
      }
      expect(consumer.stats.handled).toBe(total);

      if (process.env.HEMOTRACE_CRASH_REPORT) {
        process.stderr.write(
          `kraft: ${total} events on ${STREAMS} streams; broker ${victim} (${victim === coordinator ? 'group coordinator, ' : ''}leader of ${led} of ${before.length} partitions) ` +
            `down ${outageMs} ms, ${publishedDuringOutage} published meanwhile; ${deliveries - total} records on the topic repeated, ` +
            `${consumer.stats.duplicates} duplicates dropped by the subscriber, ${consumer.stats.replacedMembers} stuck members replaced, relay failures ${relay.stats.failures}\n`,
        );
      }
    } finally {
      writing = false;
      await writer;
    }
  });
});
