import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { EventStore } from '@hemotrace/event-sourcing';
import { openSqliteDatabase, SqliteEventStore, SqliteReadModelStore } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import {
  allTopics,
  ContractRegistry,
  createKafka,
  deadLetterTopicFor,
  encodeKafkaRecord,
  ensureTopics,
  KafkaRelay,
  topicFor,
} from '@hemotrace/messaging';
import type { BenchRow } from './bench';
import { BenchSkipped, elapsedMs, envInt, now, percentile, perSecond, progress, rounded } from './bench';

const GROUP = 'kafka relay';

const sizes = () => ({
  events: envInt('BENCH_KAFKA_EVENTS', 20_000),
  streams: Math.max(1, envInt('BENCH_KAFKA_STREAMS', 200)),
  rate: Math.max(1, envInt('BENCH_KAFKA_RATE', 500)),
  seconds: Math.max(1, envInt('BENCH_KAFKA_SECONDS', 10)),
});

const brokers = (): string[] =>
  (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

const reachable = (address: string): Promise<boolean> =>
  new Promise((resolve) => {
    const [host, port] = address.split(':');
    const socket = connect({ host, port: Number(port), timeout: 1_500 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });

const openLog = (dir: string) => {
  const db = openSqliteDatabase(join(dir, 'log.db'));
  return { events: new SqliteEventStore(db), readModels: new SqliteReadModelStore(db) };
};

const appendResult = (store: EventStore, i: number, streams: number) =>
  store.append({
    streamId: `DonationTesting-BENCH${String(i % streams).padStart(6, '0')}`,
    events: [
      {
        type: 'MarkerResultRecorded',
        data: {
          din: `BENCH${i % streams}`,
          marker: 'HBV',
          method: 'ELISA',
          reagent: { manufacturer: 'Kit A', lot: 'L-2025-01' },
          interpretation: 'NON_REACTIVE',
          testedAt: new Date().toISOString(),
        },
      },
    ],
    expectedVersion: 'any',
    metadata: {
      actor: systemActor('BC-1'),
      correlationId: `bench-${i}`,
      occurredAt: new Date().toISOString(),
    },
  });

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** Relay throughput from a prefilled SQLite log, next to a bare kafkajs producer sending the same records. */
const throughput = async (
  kafka: Kafka,
  prefix: string,
  events: number,
  streams: number,
): Promise<BenchRow[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-kafka-'));
  const log = openLog(dir);
  try {
    progress(`prefilling ${events} events`);
    for (let i = 0; i < events; i += 1) await appendResult(log.events, i, streams);
    await ensureTopics(kafka, allTopics(prefix));

    const relay = new KafkaRelay({
      kafka,
      store: log.events,
      readModels: log.readModels,
      registry: new ContractRegistry({ publishUnregistered: true }),
      topicPrefix: prefix,
    });
    const started = now();
    await relay.start();
    await waitFor(() => relay.caughtUp(), 300_000, 'the relay catching up');
    const relayMs = elapsedMs(started);
    await relay.stop();

    const registry = new ContractRegistry({ publishUnregistered: true });
    const records = (await log.events.readAll('', events)).events.map((e) => {
      const routing = registry.route(e);
      if (!routing.publish) throw new Error(`bench event ${e.streamId} is not routable`);
      return encodeKafkaRecord(routing.event);
    });
    const producer = kafka.producer({ maxInFlightRequests: 1 });
    await producer.connect();
    const rawStarted = now();
    for (let i = 0; i < records.length; i += 500) {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [{ topic: `${prefix}.raw`, messages: records.slice(i, i + 500) }],
      });
    }
    const rawMs = elapsedMs(rawStarted);
    await producer.disconnect();

    const relayRate = perSecond(events, relayMs);
    const rawRate = perSecond(events, rawMs);
    return [
      {
        group: GROUP,
        name: 'relay: SQLite log -> Kafka (acks=all)',
        value: rounded(relayRate),
        unit: 'events/s',
        baseline: 'raw kafkajs producer, same records',
        ratio: rounded(relayRate / rawRate, 2),
        note: `${events} events on ${streams} streams, batches of 500, checkpoint committed per batch`,
      },
      {
        group: GROUP,
        name: 'raw kafkajs producer, same records',
        value: rounded(rawRate),
        unit: 'events/s',
        note: 'pre-encoded CloudEvents records, sendBatch of 500, acks=all, one request in flight',
      },
    ];
  } finally {
    await log.events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

interface ChildMessage {
  ready?: boolean;
  latencies?: number[];
  error?: string;
}

/** Append at a fixed rate; a consumer in another process measures append -> handled. */
const latency = async (
  kafka: Kafka,
  prefix: string,
  rate: number,
  seconds: number,
  streams: number,
): Promise<BenchRow[]> => {
  const total = rate * seconds;
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-kafka-'));
  const log = openLog(dir);
  const relay = new KafkaRelay({
    kafka,
    store: log.events,
    readModels: log.readModels,
    registry: new ContractRegistry({ publishUnregistered: true }),
    topicPrefix: prefix,
  });
  const script = join(__dirname, `kafka-latency.consumer${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
  const child = fork(script, [], {
    execArgv: process.execArgv,
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers().join(','),
      BENCH_TOPIC_PREFIX: prefix,
      BENCH_GROUP: 'latency-bench',
      BENCH_EXPECTED: String(total),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const messages: ChildMessage[] = [];
    child.on('message', (m: ChildMessage) => messages.push(m));
    const received = (key: keyof ChildMessage) => async () => {
      const failed = messages.find((m) => m.error);
      if (failed) throw new Error(`latency consumer failed: ${failed.error}`);
      if (child.exitCode !== null) throw new Error(`latency consumer exited with ${child.exitCode}`);
      return messages.some((m) => m[key] !== undefined);
    };
    await ensureTopics(kafka, [...allTopics(prefix), deadLetterTopicFor(topicFor('laboratory', prefix))]);
    await waitFor(received('ready'), 60_000, 'the consumer joining its group');
    await relay.start();

    progress(`appending ${total} events at ${rate}/s for ${seconds} s`);
    const started = now();
    for (let i = 0; i < total; i += 1) {
      const due = (i * 1000) / rate - elapsedMs(started);
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      await appendResult(log.events, i, streams);
    }
    const achieved = perSecond(total, elapsedMs(started));
    await waitFor(received('latencies'), 120_000, 'the consumer receiving every event');
    const latencies = messages.find((m) => m.latencies)!.latencies!;
    return [
      {
        group: GROUP,
        name: 'append -> consumer in another process, p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        note: `${total} events at ${rounded(achieved)}/s (target ${rate}/s); relay + broker (acks=all) + consumer group with dedupe and an offset commit per message`,
      },
      {
        group: GROUP,
        name: 'append -> consumer in another process, p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        note: `max ${Math.max(...latencies)} ms; clock: store recordedAt vs Date.now() in the consumer (same host)`,
      },
    ];
  } finally {
    if (child.connected) child.send('stop');
    await new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => resolve(clearTimeout(timer)));
    });
    await relay.stop();
    await log.events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

const deleteTopics = async (kafka: Kafka, prefix: string): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
};

export const run = async (): Promise<BenchRow[]> => {
  if (!(await reachable(brokers()[0]))) {
    throw new BenchSkipped(
      `no Kafka broker at ${brokers()[0]}; start one with \`npm run infra:kafka\` (or set KAFKA_BROKERS)`,
    );
  }
  const { events, streams, rate, seconds } = sizes();
  const kafka = createKafka({ brokers: brokers(), clientId: 'hemotrace-bench' });
  const stamp = Date.now().toString(36);
  const prefixes = [`hemotrace-bench-${stamp}-tput`, `hemotrace-bench-${stamp}-lat`];
  try {
    return [
      ...(await throughput(kafka, prefixes[0], events, streams)),
      ...(await latency(kafka, prefixes[1], rate, seconds, streams)),
    ];
  } finally {
    for (const prefix of prefixes) await deleteTopics(kafka, prefix).catch(() => undefined);
  }
};
