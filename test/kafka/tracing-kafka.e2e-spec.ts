import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { InMemoryReadModelStore } from '@hemotrace/event-sourcing';
import { computeDinCheckCharacter } from '@hemotrace/kernel';
import type { IntegrationEvent } from '@hemotrace/messaging';
import { allTopics, ensureTopics, KafkaIntegrationConsumer, topicFor } from '@hemotrace/messaging';
import { healthyMeasurements, noDeferringAnswers } from '../fixtures/donor-screening.fixtures';
import { SPAN_KIND, startOtlpReceiver } from '../support/otlp-receiver';
import { startTestApp } from '../support/test-app';
import { deleteTopics, eventually, startBroker, testKafka, uniquePrefix } from './support/broker';

/**
 * Issue 17, broker pass: the trace of an HTTP command continues through the log relay onto the
 * Kafka record (`traceparent` header) and into a consumer, all on the real broker.
 */
jest.setTimeout(120_000);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

interface Published {
  subject: string;
  traceparent?: string;
}

describe('trace context across the Kafka relay (real broker)', () => {
  let brokers: string;
  let kafka: Kafka;
  let prefix: string;

  beforeAll(async () => {
    /* npm test starts the broker and names it in KAFKA_BROKERS; alone, this file starts it itself. */
    brokers = process.env.KAFKA_BROKERS || startBroker();
    kafka = testKafka(brokers);
    /* Created before the app starts, so its relay and the readers below never race to create them. */
    prefix = uniquePrefix('tracing');
    await ensureTopics(kafka, allTopics(prefix));
  });

  afterAll(async () => {
    await deleteTopics(kafka, prefix);
  });

  it('publishes the event of a traced request with a traceparent of the same trace, and a consumer continues it', async () => {
    const receiver = await startOtlpReceiver();
    const t = await startTestApp({
      env: {
        HEMOTRACE_BUS: 'kafka',
        KAFKA_BROKERS: brokers,
        HEMOTRACE_TOPIC_PREFIX: prefix,
        HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS: '6000',
        HEMOTRACE_OTEL_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      },
    });
    const traceId = hex(16);
    const handled: { event: IntegrationEvent }[] = [];
    const consumer = new KafkaIntegrationConsumer(
      {
        name: 'tracing-watcher',
        contexts: ['collection'],
        async handle(event) {
          handled.push({ event });
        },
      },
      { kafka, readModels: new InMemoryReadModelStore(), topicPrefix: prefix, sessionTimeoutMs: 6_000 },
    );
    const published: Published[] = [];
    const reader = kafka.consumer({
      groupId: `${prefix}.reader`,
      sessionTimeout: 6_000,
      heartbeatInterval: 1_000,
    });
    let subject = '';
    try {
      await reader.connect();
      await reader.subscribe({ topics: [topicFor('collection', prefix)], fromBeginning: true });
      await reader.run({
        eachMessage: async ({ message }) => {
          published.push({
            subject: String(message.headers?.ce_subject),
            traceparent: message.headers?.traceparent?.toString(),
          });
        },
      });
      await consumer.start();
      const din = 'A99992' + String(Date.now() % 1e7).padStart(7, '0');
      const donorId = (
        await t
          .as('donor-clinic')
          .post('/api/v1/donors')
          .send({
            name: 'Chen Jing',
            document: { type: 'PASSPORT', number: `E${hex(4)}` },
            birthDate: '1992-08-15',
            sex: 'M',
            contact: {},
          })
          .expect(201)
      ).body.donorId as string;
      await t
        .as('donor-clinic')
        .post(`/api/v1/donors/${donorId}/screenings`)
        .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
        .expect(201);
      const body = {
        din: `${din}${computeDinCheckCharacter(din)}`,
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: 'BAG-2025-0311',
      };
      await t
        .as('phlebotomist')
        .post('/api/v1/donations')
        .send({ ...body, startedAt: '2025-03-10T09:00:00Z', lateEntryReason: 'Paper record' })
        .expect(201);
      await t
        .as('phlebotomist')
        .post(`/api/v1/donations/${din}/completion`)
        .set('traceparent', `00-${traceId}-${hex(8)}-01`)
        .send({
          volumeMl: 410,
          startedAt: '2025-03-10T09:02:00Z',
          endedAt: '2025-03-10T09:11:00Z',
          lateEntryReason: 'Paper record',
        })
        .expect(200);
      subject = `Donation-${din}`;
      await eventually(async () => expect(published).toContainEqual(expect.objectContaining({ subject })));
      await eventually(async () =>
        expect(handled.filter((h) => h.event.subject === subject)).not.toEqual([]),
      );
    } finally {
      await consumer.stop();
      await reader.disconnect();
      await t.close();
      await receiver.close();
    }

    const ours = published.filter((m) => m.subject === subject);
    expect(ours.map((m) => m.traceparent)).toEqual(
      ours.map(() => expect.stringMatching(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`))),
    );

    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    const producers = spans.filter((s) => s.kind === SPAN_KIND.producer);
    expect(producers.map((s) => `00-${traceId}-${s.spanId}-01`).sort()).toEqual(
      ours.map((m) => m.traceparent).sort(),
    );
    for (const producer of producers) {
      expect(producer).toMatchObject({
        name: `send ${topicFor('collection', prefix)}`,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topicFor('collection', prefix),
        },
      });
      const append = spans.find((s) => s.spanId === producer.parentSpanId);
      expect(append?.name).toBe('eventstore.append');
    }
    const consumed = spans.filter(
      (s) =>
        s.kind === SPAN_KIND.consumer &&
        s.attributes['messaging.consumer.group.name'] === `${prefix}.tracing-watcher`,
    );
    expect(consumed).not.toEqual([]);
    for (const span of consumed) expect(producers.map((p) => p.spanId)).toContain(span.parentSpanId);
  });
});
