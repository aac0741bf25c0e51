import { randomBytes } from 'node:crypto';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { ReceivedSpan } from './support/otlp-receiver';
import { SPAN_KIND, startOtlpReceiver } from './support/otlp-receiver';
import { startTestApp } from './support/test-app';

/** Issue 17: traces from the HTTP request to the command and the append, exported over OTLP/HTTP. */
const OPENED = '2024-03-01T00:00:00.000Z';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

const site = (siteId: string) => ({
  siteId,
  name: `Site ${siteId}`,
  type: 'BLOOD_CENTER',
  active: true,
  occurredAt: OPENED,
});

const one = (spans: ReceivedSpan[], match: (s: ReceivedSpan) => boolean): ReceivedSpan => {
  const found = spans.filter(match);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('OpenTelemetry traces exported to a local OTLP receiver', () => {
  it('continues the caller trace from HTTP to the command and the append, and keeps the hash chain whole', async () => {
    const receiver = await startOtlpReceiver();
    const t = await startTestApp({
      env: {
        HEMOTRACE_OTEL_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_SERVICE_NAME: 'hemotrace-e2e',
      },
    });
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const retryTraceId = hex(16);
    let storedTraceparent: string | undefined;
    const storeKind = t.config.store;
    try {
      await t
        .as('admin')
        .post('/api/v1/sites')
        .set('traceparent', `00-${traceId}-${callerSpanId}-01`)
        .send(site('BC-7'))
        .expect(201);
      await t
        .as('admin')
        .post('/api/v1/sites')
        .set('traceparent', `00-${retryTraceId}-${hex(8)}-01`)
        .send(site('BC-7'))
        .expect(409);
      [{ traceparent: storedTraceparent }] = await t.app.get<EventStore>(EVENT_STORE).readStream('Site-BC-7');
      await t
        .as('quality-auditor')
        .get('/api/v1/integrity')
        .expect(200)
        .expect((res) => expect(res.body.ok).toBe(true));
    } finally {
      await t.close();
      await receiver.close();
    }

    expect(receiver.contentTypes[0]).toBe('application/json');
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    expect(spans.every((s) => s.service === 'hemotrace-e2e')).toBe(true);
    const http = one(spans, (s) => s.kind === SPAN_KIND.server);
    expect(http).toMatchObject({
      parentSpanId: callerSpanId,
      name: 'POST /api/v1/sites',
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/api/v1/sites',
        'http.response.status_code': 201,
      },
    });
    const command = one(spans, (s) => s.parentSpanId === http.spanId && s.name.startsWith('command'));
    expect(command).toMatchObject({
      name: 'command RegisterSite',
      attributes: {
        'hemotrace.command.type': 'RegisterSite',
        'hemotrace.stream.id': 'Site-BC-7',
        'hemotrace.command.outcome': 'appended',
      },
    });
    const append = one(spans, (s) => s.parentSpanId === command.spanId);
    expect(append).toMatchObject({
      name: 'eventstore.append',
      attributes: {
        'hemotrace.store.kind': storeKind,
        'hemotrace.stream.id': 'Site-BC-7',
        'hemotrace.events.count': 1,
      },
    });
    expect(storedTraceparent).toBe(`00-${traceId}-${append.spanId}-01`);

    const refused = receiver.spans.filter((s) => s.traceId === retryTraceId);
    const refusedHttp = one(refused, (s) => s.kind === SPAN_KIND.server);
    expect(refusedHttp.attributes['http.response.status_code']).toBe(409);
    expect(one(refused, (s) => s.parentSpanId === refusedHttp.spanId).attributes).toMatchObject({
      'hemotrace.command.outcome': 'rejected',
      'hemotrace.error.code': 'SITES.SITE_ALREADY_REGISTERED',
    });
    expect(refused.filter((s) => s.name === 'eventstore.append')).toEqual([]);
  });

  it('exports nothing and keeps no trace context when the exporter is off (the default)', async () => {
    const receiver = await startOtlpReceiver();
    const t = await startTestApp({
      env: {
        HEMOTRACE_OTEL_EXPORTER: '',
        OTEL_TRACES_EXPORTER: '',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      },
    });
    try {
      await t
        .as('admin')
        .post('/api/v1/sites')
        .set('traceparent', `00-${hex(16)}-${hex(8)}-01`)
        .send(site('BC-8'))
        .expect(201);
      const [stored] = await t.app.get<EventStore>(EVENT_STORE).readStream('Site-BC-8');
      expect(stored.traceparent).toBeUndefined();
    } finally {
      await t.close();
      await receiver.close();
    }
    expect(receiver.spans).toEqual([]);
    expect(receiver.contentTypes).toEqual([]);
  });
});
