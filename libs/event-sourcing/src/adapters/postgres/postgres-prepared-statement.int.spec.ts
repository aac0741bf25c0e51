import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { DatabaseError } from 'pg';
import { newId } from '@hemotrace/kernel';
import type { AppendRequest, AppendResult } from '../../event-store.port';
import { verifyStore } from '../../verify';
import { createPostgresPool, resolvePostgresTarget } from './postgres-connection';
import { PostgresEventStore } from './postgres-event-store';
import { runPrepared } from './postgres-prepared-statement';
import { appendMetadata as metadata, postgresTestUrl } from './postgres-test-database';

const url = postgresTestUrl('PostgreSQL prepared statements written by hand');
const describeWithPostgres = url ? describe : describe.skip;

/** A pool of its own schema whose backends carry the schema's name, so a spec can find and kill exactly them. */
const ownSchema = async (poolSize: number) => {
  const schema = `tmp_${randomBytes(6).toString('hex')}`;
  const pool = createPostgresPool({ ...resolvePostgresTarget(url!), schema }, poolSize, schema);
  const store = await PostgresEventStore.open(pool, { schema });
  return { schema, pool, store };
};

const firstEvent = (streamId: string, eventId = newId()): AppendRequest => ({
  streamId,
  events: [{ eventId, type: 'SampleReceived', data: { streamId } }],
  expectedVersion: 'no_stream',
  metadata: metadata(),
});

const nextEvent = (streamId: string, version: number): AppendRequest => ({
  streamId,
  events: [{ eventId: newId(), type: 'MarkerResultRecorded', data: { version } }],
  expectedVersion: version,
  metadata: metadata(),
});

const killBackends = async (admin: Pool, applicationName: string): Promise<number> =>
  (
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = $1 AND backend_type = 'client backend'`,
      [applicationName],
    )
  ).rowCount ?? 0;

const storedPositions = async (pool: Pool): Promise<Map<string, number>> =>
  new Map(
    (
      await pool.query<{ event_id: string; p: string }>(
        'SELECT event_id, global_position::text p FROM events',
      )
    ).rows.map((row) => [row.event_id, Number(row.p)]),
  );

/** The store still starts and continues a stream, and everything it holds verifies. */
const expectStillAppending = async (store: PostgresEventStore): Promise<void> => {
  const streamId = `DonationTesting-${newId()}`;
  await store.append(firstEvent(streamId));
  expect((await store.append(nextEvent(streamId, 1))).version).toBe(2);
  expect((await verifyStore(store)).ok).toBe(true);
};

/** Where the stream really is after an append whose fate a dropped connection left unknown. */
const headAfterFailure = async (store: PostgresEventStore, streamId: string): Promise<number> => {
  for (;;) {
    try {
      return (await store.readStream(streamId)).at(-1)?.streamVersion ?? 0;
    } catch {
      /* this read's connection was terminated too */
    }
  }
};

describeWithPostgres('PostgreSQL statements prepared once per connection and bound by hand', () => {
  let admin: Pool;
  const opened: Awaited<ReturnType<typeof ownSchema>>[] = [];
  const open = async (poolSize = 4) => {
    const db = await ownSchema(poolSize);
    opened.push(db);
    return db;
  };

  beforeAll(() => {
    admin = createPostgresPool(resolvePostgresTarget(url!), 2, 'hemotrace-spec-admin');
  });

  afterAll(async () => {
    for (const db of opened) {
      await db.store.close();
      await db.pool.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
      await db.pool.end();
    }
    await admin.end();
  });

  it('refuses a unique violation with the DatabaseError pg itself gives, and the connection runs the next statement', async () => {
    const db = await open(2);
    await db.pool.query('CREATE TABLE reserved (document text PRIMARY KEY)');
    const text = 'INSERT INTO reserved (document) VALUES ($1) RETURNING document';
    const client = await db.pool.connect();
    try {
      expect(await runPrepared(client, 'reserve', text, ['P-1'])).toEqual([['P-1']]);
      const refused = await runPrepared(client, 'reserve', text, ['P-1']).catch((error: unknown) => error);
      const byPg = await db.pool
        .query({ name: 'reserve-by-pg', text, values: ['P-1'] })
        .catch((e: unknown) => e);

      expect(refused).toBeInstanceOf(DatabaseError);
      const { code, constraint, severity, table } = refused as DatabaseError;
      expect({ code, constraint, severity, table }).toEqual({
        code: (byPg as DatabaseError).code,
        constraint: (byPg as DatabaseError).constraint,
        severity: (byPg as DatabaseError).severity,
        table: (byPg as DatabaseError).table,
      });
      expect(code).toBe('23505');
      expect(await runPrepared(client, 'reserve', text, ['P-2'])).toEqual([['P-2']]);
      expect((await client.query('SELECT count(*)::int n FROM reserved')).rows).toEqual([{ n: 2 }]);
    } finally {
      client.release();
    }
  });

  it('gives a store append whose event id is already stored the same unique violation, and the store goes on appending', async () => {
    const db = await open(2);
    const eventId = newId();
    await db.store.append(firstEvent(`DonationTesting-${newId()}`, eventId));

    const refused = await db.store
      .append(firstEvent(`DonationTesting-${newId()}`, eventId))
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(DatabaseError);
    expect((refused as DatabaseError).code).toBe('23505');
    await expectStillAppending(db.store);
  });

  it('tells each of many concurrent appends the position its own event was stored at', async () => {
    const db = await open(4);
    const streamIds = Array.from({ length: 40 }, () => `DonationTesting-${newId()}`);
    const results: AppendResult[] = [];
    await Promise.all(
      streamIds.map(async (streamId) => {
        results.push(await db.store.append(firstEvent(streamId)));
        for (let version = 1; version < 5; version++)
          results.push(await db.store.append(nextEvent(streamId, version)));
      }),
    );

    const stored = await storedPositions(db.pool);
    expect(stored.size).toBe(200);
    const told = results.flatMap((r) => r.events.map((e) => [e.eventId, e.globalPosition] as const));
    expect(new Map(told)).toEqual(stored);
    expect((await verifyStore(db.store)).ok).toBe(true);
  });

  it('survives its connections being terminated by the server mid-run, and appends again afterwards', async () => {
    const db = await open(4);
    const streamIds = Array.from({ length: 8 }, () => `DonationTesting-${newId()}`);
    const failures: unknown[] = [];
    let appended = 0;
    const lanes = streamIds.map(async (streamId) => {
      let version = 0;
      for (let i = 0; i < 60; i++) {
        try {
          version = (
            await db.store.append(version === 0 ? firstEvent(streamId) : nextEvent(streamId, version))
          ).version;
          appended += 1;
        } catch (error) {
          failures.push(error);
          version = await headAfterFailure(db.store, streamId);
        }
      }
    });
    let killed = 0;
    const killer = (async () => {
      for (let round = 0; round < 3; round++) {
        while (appended < (round + 1) * 80) await new Promise((resolve) => setTimeout(resolve, 1));
        killed += await killBackends(admin, db.schema);
      }
    })();
    await Promise.all([...lanes, killer]);

    expect(killed).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(String((failure as Error).message)).toMatch(/terminat|connection/i);
    }
    await expectStillAppending(db.store);
  });

  it('rejects a statement whose backend is terminated while it runs, without an unheard error event', async () => {
    const db = await open(1);
    const client = await db.pool.connect();
    client.on('error', () => undefined);
    const failed = await runPrepared(
      client,
      'end-myself',
      'SELECT pg_terminate_backend(pg_backend_pid())::text',
      [],
    )
      .then(() => null)
      .catch((error: unknown) => error);
    client.release(true);

    expect(failed).toBeInstanceOf(Error);
    expect(await db.store.append(firstEvent(`DonationTesting-${newId()}`))).toMatchObject({ version: 1 });
  });
});
