import { newId } from '@hemotrace/kernel';
import { ConcurrencyError } from '../../errors';
import type { AppendRequest } from '../../event-store.port';
import { verifyStore } from '../../verify';
import { PostgresEventStore } from './postgres-event-store';
import type { ThrowawaySchema } from './postgres-test-database';
import {
  appendMetadata as metadata,
  postgresTestUrl,
  RECORDED_AT,
  throwawaySchema,
} from './postgres-test-database';

const url = postgresTestUrl('PostgreSQL one-event appends written together');
const describeWithPostgres = url ? describe : describe.skip;

/** A payload whose JSON text a round trip through jsonb would change, and an array element escape would too. */
const event = (n: number) => ({
  eventId: newId(),
  type: 'MarkerResultRecorded',
  data: { z: n, a: 'HIV \u00e9 "quoted" \\ / {a,b} NULL', value: 0.1 + 0.2, big: 1e21, none: null },
});

const STORED_TEXT = `event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
  actor::text AS actor, correlation_id, causation_id, command_id, data::text AS data, prev_hash, hash,
  trace_parent`;

const storedRows = async (db: ThrowawaySchema, streamIds: string[]) =>
  (
    await db.pool.query(
      `SELECT ${STORED_TEXT} FROM events WHERE stream_id = ANY($1) ORDER BY stream_id, stream_version`,
      [streamIds],
    )
  ).rows;

describeWithPostgres('PostgreSQL one-event appends of concurrent callers', () => {
  const schemas: ThrowawaySchema[] = [];
  const openStore = async (appendStatements: number) => {
    const db = await throwawaySchema(url!, 4);
    schemas.push(db);
    const store = await PostgresEventStore.open(db.pool, {
      schema: db.schema,
      now: () => new Date(RECORDED_AT),
      appendStatements,
    });
    return { db, store };
  };

  afterAll(async () => {
    await Promise.all(schemas.map((db) => db.drop()));
  });

  it('writes the appends that wait for a running statement in one statement, each row byte for byte as written alone, each caller told its own position', async () => {
    const streamIds = Array.from({ length: 6 }, (_, i) => `DonationTesting-${i}-${newId()}`);
    const firsts: AppendRequest[] = streamIds.map((streamId, i) => ({
      streamId,
      events: [event(i)],
      expectedVersion: 'no_stream',
      metadata: metadata({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
    }));
    const seconds: AppendRequest[] = streamIds.map((streamId, i) => ({
      streamId,
      events: [event(10 + i)],
      expectedVersion: 1,
      metadata: metadata({ causationId: newId(), commandId: i % 2 === 0 ? null : newId() }),
    }));

    const alone = await openStore(1);
    for (const request of [...firsts, ...seconds]) await alone.store.append(request);

    const together = await openStore(1);
    const firstResults = await Promise.all(firsts.map((r) => together.store.append(r)));
    const secondResults = await Promise.all(seconds.map((r) => together.store.append(r)));

    expect(await storedRows(together.db, streamIds)).toEqual(await storedRows(alone.db, streamIds));
    const { rows } = await together.db.pool.query<{
      event_id: string;
      p: string;
      txid: string;
      stream_version: number;
    }>(
      'SELECT event_id, global_position::text p, transaction_id::text txid, stream_version FROM events ORDER BY global_position',
    );
    const told = [...firstResults, ...secondResults].map((r) => [
      r.events[0].eventId,
      r.events[0].globalPosition,
    ]);
    expect(told.sort()).toEqual(rows.map((row) => [row.event_id, Number(row.p)]).sort());
    /* the first append of each round ran alone; the five that waited for it shared one transaction */
    for (const version of [1, 2]) {
      const txids = rows.filter((row) => row.stream_version === version).map((row) => row.txid);
      expect(new Set(txids.slice(1)).size).toBe(1);
      expect(txids[0]).not.toBe(txids[1]);
    }
    expect((await verifyStore(together.store)).ok).toBe(true);
    await alone.store.close();
    await together.store.close();
  });

  it('gives each caller of a shared statement its own answer when another writer took one version and another caller repeats its command', async () => {
    const { db, store } = await openStore(1);
    const [moved, repeated, continued] = ['Moved', 'Repeated', 'Continued'].map(
      (name) => `DonationTesting-${name}-${newId()}`,
    );
    const firstOfRepeated = metadata();
    const first = new Map<string, string>();
    for (const streamId of [moved, repeated, continued]) {
      const meta = streamId === repeated ? firstOfRepeated : metadata();
      const result = await store.append({
        streamId,
        events: [event(1)],
        expectedVersion: 'no_stream',
        metadata: meta,
      });
      first.set(streamId, result.events[0].eventId);
    }
    const other = await PostgresEventStore.open(db.pool, { schema: db.schema });
    await other.append({ streamId: moved, events: [event(2)], expectedVersion: 1, metadata: metadata() });

    const fresh = `DonationTesting-Fresh-${newId()}`;
    const outcomes = await Promise.allSettled([
      store.append({
        streamId: `DonationTesting-Running-${newId()}`,
        events: [event(3)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      }),
      store.append({ streamId: continued, events: [event(4)], expectedVersion: 1, metadata: metadata() }),
      store.append({ streamId: moved, events: [event(5)], expectedVersion: 1, metadata: metadata() }),
      store.append({
        streamId: repeated,
        events: [event(6)],
        expectedVersion: 'any',
        metadata: firstOfRepeated,
      }),
      store.append({
        streamId: fresh,
        events: [event(7)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      }),
    ]);

    const [, onContinued, onMoved, onRepeated, onFresh] = outcomes;
    expect(onContinued).toMatchObject({ status: 'fulfilled', value: { version: 2, duplicate: false } });
    expect(onMoved.status).toBe('rejected');
    expect((onMoved as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(onRepeated).toMatchObject({ status: 'fulfilled', value: { version: 1, duplicate: true } });
    expect(
      (onRepeated as PromiseFulfilledResult<{ events: { eventId: string }[] }>).value.events.map(
        (e) => e.eventId,
      ),
    ).toEqual([first.get(repeated)]);
    expect(onFresh).toMatchObject({ status: 'fulfilled', value: { version: 1, duplicate: false } });
    expect((await store.readStream(moved)).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect((await store.readStream(repeated)).map((e) => e.eventId)).toEqual([first.get(repeated)]);
    expect((await store.readStream(continued)).map((e) => e.streamVersion)).toEqual([1, 2]);

    const again = await Promise.all([
      store.append({ streamId: fresh, events: [event(8)], expectedVersion: 1, metadata: metadata() }),
      store.append({
        streamId: repeated,
        events: [event(6)],
        expectedVersion: 'any',
        metadata: firstOfRepeated,
      }),
      store.append({ streamId: continued, events: [event(9)], expectedVersion: 2, metadata: metadata() }),
    ]);
    expect(again.map((r) => [r.version, r.duplicate])).toEqual([
      [2, false],
      [1, true],
      [3, false],
    ]);
    expect((await store.readStream(repeated)).map((e) => e.eventId)).toEqual([first.get(repeated)]);
    expect((await verifyStore(store)).ok).toBe(true);
    await store.close();
    await other.close();
  });
  it('keeps exactly the acknowledged events, at the positions and versions it told, while 16 callers race on 4 streams and repeat earlier commands', async () => {
    const { db, store } = await openStore(2);
    const streamIds = ['A', 'B', 'C', 'D'].map((s) => `DonationTesting-${s}-${newId()}`);
    const acknowledged = new Map<string, { globalPosition: number; streamVersion: number }>();
    const written: { streamId: string; commandId: string; eventId: string }[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: 16 }, async (_, caller) => {
        for (let i = 0; i < 12; i++) {
          const earlier = written[(caller + i) % Math.max(1, written.length)];
          if (i % 5 === 4 && earlier) {
            const retry = await store.append({
              streamId: earlier.streamId,
              events: [event(i)],
              expectedVersion: 'any',
              metadata: metadata({ commandId: earlier.commandId }),
            });
            expect(retry.duplicate).toBe(true);
            expect(retry.events.map((e) => e.eventId)).toEqual([earlier.eventId]);
            continue;
          }
          const streamId = streamIds[(caller + i) % streamIds.length];
          const version = i % 3 === 0 ? 'any' : (await store.readStream(streamId)).length;
          const meta = metadata();
          try {
            const result = await store.append({
              streamId,
              events: [event(i)],
              expectedVersion: version === 0 ? 'no_stream' : version,
              metadata: meta,
            });
            expect(result.duplicate).toBe(false);
            acknowledged.set(result.events[0].eventId, result.events[0]);
            written.push({ streamId, commandId: meta.commandId!, eventId: result.events[0].eventId });
          } catch (error) {
            expect(error).toBeInstanceOf(ConcurrencyError);
            conflicts += 1;
          }
        }
      }),
    );

    const { rows } = await db.pool.query<{ event_id: string; stream_version: number; p: string }>(
      'SELECT event_id, stream_version, global_position::text p FROM events ORDER BY stream_id, stream_version',
    );
    expect(rows.map((row) => [row.event_id, Number(row.p), row.stream_version]).sort()).toEqual(
      [...acknowledged].map(([eventId, e]) => [eventId, e.globalPosition, e.streamVersion]).sort(),
    );
    for (const streamId of streamIds) {
      const versions = (await store.readStream(streamId)).map((e) => e.streamVersion);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
    expect(conflicts).toBeGreaterThan(0);
    expect((await verifyStore(store)).ok).toBe(true);
    await store.close();
  }, 60_000);
  it('writes the other rows of a shared statement, each alone, when one caller brings an event id already stored, and gives that caller the refusal', async () => {
    const { store } = await openStore(1);
    const taken = event(1);
    await store.append({
      streamId: `DonationTesting-${newId()}`,
      events: [taken],
      expectedVersion: 'no_stream',
      metadata: metadata(),
    });
    const [streamA, streamB, streamC] = ['A', 'B', 'C'].map((s) => `DonationTesting-${s}-${newId()}`);

    const outcomes = await Promise.allSettled(
      [
        { streamId: streamA, events: [event(2)] },
        { streamId: streamB, events: [{ ...event(3), eventId: taken.eventId }] },
        { streamId: streamC, events: [event(4)] },
      ].map((r) => store.append({ ...r, expectedVersion: 'no_stream', metadata: metadata() })),
    );

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      code: '23505',
      constraint: 'events_event_id_key',
    });
    expect((await store.readStream(streamB)).length).toBe(0);
    expect((await store.readStream(streamC)).map((e) => e.streamVersion)).toEqual([1]);
    expect((await verifyStore(store)).ok).toBe(true);
    await store.close();
  });
});
