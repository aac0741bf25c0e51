import { newId } from '@hemotrace/kernel';
import { buildEnvelopes } from '../../append-support';
import type { AppendRequest } from '../../event-store.port';
import { verifyStore } from '../../verify';
import { EVENT_STORE_MIGRATIONS } from './postgres-event-schema';
import { PostgresEventStore } from './postgres-event-store';
import { migrate } from './postgres-migrations';
import type { ThrowawaySchema } from './postgres-test-database';
import {
  appendMetadata as metadata,
  postgresTestUrl,
  RECORDED_AT,
  throwawaySchema,
} from './postgres-test-database';

const url = postgresTestUrl('PostgreSQL append statements');
const describeWithPostgres = url ? describe : describe.skip;

/**
 * The append statement of the first landing (commit f59328f), which sent every append as one JSON
 * document for the server to take apart. Kept here verbatim so that rows written by today's typed
 * statements can be compared with rows written by it, byte for byte.
 */
const FIRST_LANDING_APPEND = `
WITH checks AS (
  SELECT
    $4::text IS NOT NULL AND EXISTS (
      SELECT 1 FROM events WHERE stream_id = $1 AND command_id = $4::text) AS duplicate,
    $2::integer = 0 OR EXISTS (
      SELECT 1 FROM events WHERE stream_id = $1 AND stream_version = $2 AND hash = $3) AS head_ok
), inserted AS (
  INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
    recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash)
  SELECT r.e->>'eventId', $1, (r.e->>'streamVersion')::integer, r.e->>'type',
    (r.e->>'schemaVersion')::integer, r.e->>'occurredAt', r.e->>'recordedAt', r.e->'actor',
    r.e->>'correlationId', r.e->>'causationId', r.e->>'commandId', r.e->'data',
    r.e->>'prevHash', r.e->>'hash'
  FROM json_array_elements($5::json) WITH ORDINALITY AS r(e, n), checks
  WHERE NOT checks.duplicate AND checks.head_ok
  ORDER BY r.n
  RETURNING global_position, stream_version, transaction_id
)
SELECT checks.duplicate, checks.head_ok,
  (SELECT array_agg(global_position::text ORDER BY stream_version) FROM inserted) AS positions,
  (SELECT min(transaction_id)::text FROM inserted) AS txid
FROM checks`;

/** The multi-stream statement before typed arrays (commit 22c64e2), verbatim, for the same comparison. */
const JSON_MULTI_STREAM_INSERT = `
INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
  recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
SELECT r.e->>'eventId', r.e->>'streamId', (r.e->>'streamVersion')::integer, r.e->>'type',
  (r.e->>'schemaVersion')::integer, r.e->>'occurredAt', r.e->>'recordedAt', r.e->'actor',
  r.e->>'correlationId', r.e->>'causationId', r.e->>'commandId', r.e->'data',
  r.e->>'prevHash', r.e->>'hash', r.e->>'traceparent'
FROM json_array_elements($1::json) WITH ORDINALITY AS r(e, n)
ORDER BY r.n
RETURNING global_position::text, transaction_id::text, stream_id, stream_version`;

const STORED_TEXT = `event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
  actor::text AS actor, correlation_id, causation_id, command_id, data::text AS data, prev_hash, hash,
  trace_parent`;

/** Payloads whose JSON text a server-side round trip through jsonb would change (key order, spaces, escapes, numbers). */
const event = (n: number) => ({
  eventId: newId(),
  type: 'MarkerResultRecorded',
  data: {
    z: n,
    a: 'HIV \u00e9 "quoted" \\ /',
    value: 0.1 + 0.2,
    big: 1e21,
    nested: { b: [1, { c: null }], a: true },
  },
});

const storedRows = async (db: ThrowawaySchema, streamId: string) =>
  (
    await db.pool.query(`SELECT ${STORED_TEXT} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
      streamId,
    ])
  ).rows;

describeWithPostgres('PostgreSQL append statements', () => {
  const schemas: ThrowawaySchema[] = [];
  const schema = async () => {
    const db = await throwawaySchema(url!, 2);
    schemas.push(db);
    return db;
  };

  afterAll(async () => {
    await Promise.all(schemas.map((db) => db.drop()));
  });

  it('stores every column byte for byte as the first landing JSON statement did, for one event and for several, and continues a stream that statement wrote', async () => {
    const streamId = `DonationTesting-${newId()}`;
    const requests: AppendRequest[] = [
      { streamId, events: [event(1)], expectedVersion: 'no_stream', metadata: metadata() },
      { streamId, events: [event(2), event(3), event(4)], expectedVersion: 1, metadata: metadata() },
      {
        streamId,
        events: [event(5)],
        expectedVersion: 4,
        metadata: metadata({ causationId: newId(), commandId: null }),
      },
    ];

    const old = await schema();
    await migrate(old.pool, old.schema, EVENT_STORE_MIGRATIONS);
    let head: { version: number; hash: string | null } = { version: 0, hash: null };
    for (const request of requests) {
      const envelopes = buildEnvelopes(request, head, RECORDED_AT);
      const { rows } = await old.pool.query(FIRST_LANDING_APPEND, [
        streamId,
        head.version,
        head.hash,
        request.metadata.commandId ?? null,
        JSON.stringify(envelopes),
      ]);
      expect(rows[0].positions).toHaveLength(envelopes.length);
      head = { version: envelopes.at(-1)!.streamVersion, hash: envelopes.at(-1)!.hash };
    }

    const current = await schema();
    const store = await PostgresEventStore.open(current.pool, {
      schema: current.schema,
      now: () => new Date(RECORDED_AT),
    });
    const positions: number[] = [];
    for (const request of requests) {
      const result = await store.append(request);
      positions.push(...result.events.map((e) => e.globalPosition));
    }

    const written = await storedRows(current, streamId);
    expect(written).toEqual(await storedRows(old, streamId));
    expect(written.map((row) => row.data)).toContain(JSON.stringify(requests[1].events[0].data));
    const stored = await current.pool.query<{ p: string }>(
      'SELECT global_position::text p FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [streamId],
    );
    expect(positions).toEqual(stored.rows.map((row) => Number(row.p)));

    const onOld = await PostgresEventStore.open(old.pool, { schema: old.schema });
    const next = await onOld.append({
      streamId,
      events: [event(6)],
      expectedVersion: 5,
      metadata: metadata(),
    });
    expect(next.events[0].prevHash).toBe(head.hash);
    expect((await verifyStore(onOld)).ok).toBe(true);
    await store.close();
    await onOld.close();
  });

  it('stores a multi-stream append byte for byte as the JSON statement did, trace context included', async () => {
    const meta = metadata({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const requests: AppendRequest[] = ['DonorDocument', 'Donor', 'DonorIdentity'].map((prefix, i) => ({
      streamId: `${prefix}-${newId()}`,
      events: i === 1 ? [event(1), event(2)] : [event(3 + i)],
      expectedVersion: 'no_stream',
      metadata: meta,
    }));

    const old = await schema();
    await migrate(old.pool, old.schema, EVENT_STORE_MIGRATIONS);
    const envelopes = requests.flatMap((r) => buildEnvelopes(r, { version: 0, hash: null }, RECORDED_AT));
    await old.pool.query(JSON_MULTI_STREAM_INSERT, [JSON.stringify(envelopes)]);

    const current = await schema();
    const store = await PostgresEventStore.open(current.pool, {
      schema: current.schema,
      now: () => new Date(RECORDED_AT),
    });
    const results = await store.appendMany(requests);

    for (const request of requests) {
      expect(await storedRows(current, request.streamId)).toEqual(await storedRows(old, request.streamId));
    }
    expect((await storedRows(current, requests[0].streamId))[0].trace_parent).toBe(meta.traceparent);
    const positions = results.flatMap((r) => r.events.map((e) => e.globalPosition));
    const stored = await current.pool.query<{ p: string }>(
      'SELECT global_position::text p FROM events ORDER BY global_position',
    );
    expect(positions).toEqual(stored.rows.map((row) => Number(row.p)));
    await store.close();
  });

  it('answers a retried command as a duplicate and writes nothing, even when the retry asks for any version', async () => {
    const db = await schema();
    const store = await PostgresEventStore.open(db.pool, { schema: db.schema });
    const streamId = `DonationTesting-${newId()}`;
    for (const events of [[event(1)], [event(2), event(3)]]) {
      const meta = metadata();
      const first = await store.append({ streamId, events, expectedVersion: 'any', metadata: meta });
      const retry = await store.append({ streamId, events, expectedVersion: 'any', metadata: meta });
      expect(retry.duplicate).toBe(true);
      expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    }
    expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    await store.close();
  });

  it.each([
    ['one event', [event(3)]],
    ['several events', [event(4), event(5)]],
  ])(
    'chains %s to the event really stored when the head it remembers was replaced underneath it',
    async (_, events) => {
      const db = await schema();
      const stale = await PostgresEventStore.open(db.pool, { schema: db.schema });
      const streamId = `DonationTesting-${newId()}`;
      const forgotten = await stale.append({
        streamId,
        events: [event(1)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      });
      /* a restore from a backup taken before that event, then another process writes a different first event */
      await db.pool.query('DELETE FROM events WHERE event_id = $1', [forgotten.events[0].eventId]);
      const other = await PostgresEventStore.open(db.pool, { schema: db.schema });
      const replacement = await other.append({
        streamId,
        events: [event(2)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      });

      const result = await stale.append({ streamId, events, expectedVersion: 1, metadata: metadata() });

      expect(result.events[0].prevHash).toBe(replacement.events[0].hash);
      const stored = await other.readStream(streamId);
      expect(stored.map((e) => e.eventId)).toEqual([
        replacement.events[0].eventId,
        ...result.events.map((e) => e.eventId),
      ]);
      expect((await verifyStore(other)).ok).toBe(true);
      await stale.close();
      await other.close();
    },
  );
});
