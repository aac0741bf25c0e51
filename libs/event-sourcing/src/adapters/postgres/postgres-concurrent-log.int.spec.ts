import { newId } from '@hemotrace/kernel';
import { ConcurrencyError } from '../../errors';
import { LOG_START } from '../../event-store.port';
import type { RecordedEvent } from '../../envelope';
import { verifyStore } from '../../verify';
import { createPostgresPool, resolvePostgresTarget } from './postgres-connection';
import { parsePostgresCheckpoint, PostgresEventStore } from './postgres-event-store';
import type { ThrowawaySchema } from './postgres-test-database';
import { postgresTestUrl, throwawaySchema } from './postgres-test-database';

const url = postgresTestUrl('PostgreSQL concurrent log');
const describeWithPostgres = url ? describe : describe.skip;

const WRITERS = 8;
const STREAMS = 40;
const WRITE_FOR_MS = 3000;

const checkpointKey = (checkpoint: string): [bigint, bigint] => {
  const { txid, position } = parsePostgresCheckpoint(checkpoint);
  return [BigInt(txid), BigInt(position)];
};

const isAfter = (a: [bigint, bigint], b: [bigint, bigint]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

describeWithPostgres('PostgreSQL global log under concurrent writers', () => {
  let db: ThrowawaySchema;

  beforeAll(async () => {
    db = await throwawaySchema(url!, 2);
  });

  afterAll(() => db.drop());

  it('lets a follower see every event exactly once, in checkpoint order, while 8 processes write', async () => {
    const target = { ...resolvePostgresTarget(url!), schema: db.schema };
    const writerPools = Array.from({ length: WRITERS }, () => createPostgresPool(target, 2));
    const writers = await Promise.all(
      writerPools.map((pool) => PostgresEventStore.open(pool, { schema: db.schema })),
    );
    const followerPool = createPostgresPool(target, 2);
    const follower = await PostgresEventStore.open(followerPool, { schema: db.schema });
    const streams = Array.from({ length: STREAMS }, () => `Unit-${newId()}`);

    const seen: RecordedEvent[] = [];
    const checkpoints: [bigint, bigint][] = [];
    const subscription = follower.subscribe(
      LOG_START,
      async (batch) => {
        seen.push(...batch.events);
        checkpoints.push(checkpointKey(batch.checkpoint));
      },
      { batchSize: 50, pollIntervalMs: 5 },
    );

    const appended: string[] = [];
    let conflicts = 0;
    const deadline = Date.now() + WRITE_FOR_MS;
    await Promise.all(
      writers.map(async (store, w) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const streamId = streams[(w * 7 + i * 13) % STREAMS];
          const events = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
            type: 'UnitTouched',
            data: { writer: w, i, k },
          }));
          try {
            // half the appends race on an expected version, the other half append at the end
            const expectedVersion = i % 2 ? (await store.readStream(streamId)).length : ('any' as const);
            const result = await store.append({
              streamId,
              events,
              expectedVersion: expectedVersion === 0 ? 'no_stream' : expectedVersion,
              metadata: {
                actor: { userId: `writer-${w}`, role: 'laboratory', siteId: 'BC-1' },
                correlationId: newId(),
                commandId: newId(),
                occurredAt: new Date().toISOString(),
              },
            });
            appended.push(...result.events.map((e) => e.eventId));
          } catch (error) {
            if (!(error instanceof ConcurrencyError)) throw error;
            conflicts += 1;
          }
        }
      }),
    );

    const waitUntil = Date.now() + 10_000;
    while (seen.length < appended.length && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await subscription.stop();

    const seenIds = seen.map((e) => e.eventId);
    expect(appended.length).toBeGreaterThan(500);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect([...seenIds].sort()).toEqual([...appended].sort());
    for (let i = 1; i < checkpoints.length; i++)
      expect(isAfter(checkpoints[i], checkpoints[i - 1])).toBe(true);
    const lastVersion = new Map<string, number>();
    for (const event of seen) {
      expect(event.streamVersion).toBe((lastVersion.get(event.streamId) ?? 0) + 1);
      lastVersion.set(event.streamId, event.streamVersion);
    }
    expect((await verifyStore(follower)).ok).toBe(true);
    console.info(
      `concurrent log: ${appended.length} events by ${WRITERS} writers, ${conflicts} conflicts, ${checkpoints.length} batches`,
    );

    await Promise.all([...writerPools, followerPool].map((pool) => pool.end()));
  }, 30_000);

  it('says its acknowledged appends are not readable while an older transaction is open, and readable once it ends', async () => {
    const target = { ...resolvePostgresTarget(url!), schema: db.schema };
    const pool = createPostgresPool(target, 2);
    const holderPool = createPostgresPool(target, 1);
    const store = await PostgresEventStore.open(pool, { schema: db.schema, ownWritesWaitMs: 50 });
    const holder = await holderPool.connect();
    const streamId = `Held-${newId()}`;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      await store.append({
        streamId,
        events: [{ type: 'HeldBack', data: {} }],
        expectedVersion: 'no_stream',
        metadata: {
          actor: { userId: 'held', role: 'laboratory', siteId: 'BC-1' },
          correlationId: newId(),
          occurredAt: '2026-01-05T10:00:00.000Z',
        },
      });
      expect(await store.ownWritesReadable(200)).toBe(false);
      const hidden: RecordedEvent[] = [];
      for (let batch = await store.readAll(LOG_START, 5000); batch.events.length > 0;) {
        hidden.push(...batch.events);
        batch = await store.readAll(batch.checkpoint, 5000);
      }
      expect(hidden.some((e) => e.streamId === streamId)).toBe(false);

      await holder.query('COMMIT');
      expect(await store.ownWritesReadable(5000)).toBe(true);
      const seen: RecordedEvent[] = [];
      for (let batch = await store.readAll(LOG_START, 5000); batch.events.length > 0;) {
        seen.push(...batch.events);
        batch = await store.readAll(batch.checkpoint, 5000);
      }
      expect(seen.filter((e) => e.streamId === streamId).map((e) => e.type)).toEqual(['HeldBack']);
    } finally {
      holder.release();
      await holderPool.end();
      await pool.end();
    }
  }, 30_000);
});
