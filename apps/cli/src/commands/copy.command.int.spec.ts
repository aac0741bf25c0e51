import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, ThrowawaySchema } from '@hemotrace/event-sourcing';
import {
  openSqliteDatabase,
  PostgresEventStore,
  postgresTestUrl,
  SqliteEventStore,
  throwawaySchema,
  verifyStore,
} from '@hemotrace/event-sourcing';
import { runCli } from '../main';
import { digestLog } from './copy.command';

const url = postgresTestUrl('hemotrace copy');
const describeWithPostgres = url ? describe : describe.skip;

const seed = async (store: EventStore, streams: number, eventsPerStream: number) => {
  for (let v = 1; v <= eventsPerStream; v++) {
    for (let s = 0; s < streams; s++) {
      await store.append({
        streamId: `Unit-${s}`,
        events: [{ type: 'UnitTouched', data: { s, v } }],
        expectedVersion: v === 1 ? 'no_stream' : v - 1,
        metadata: {
          actor: { userId: 'u-1', role: 'laboratory', siteId: 'BC-1' },
          correlationId: `c-${s}-${v}`,
          commandId: `cmd-${s}-${v}`,
          occurredAt: '2026-03-01T08:00:00.000Z',
        },
      });
    }
  }
};

describeWithPostgres('hemotrace copy and verify', () => {
  let dir: string;
  let db: ThrowawaySchema;
  let schemaUrl: string;
  let output: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-cli-'));
    db = await throwawaySchema(url!, 2);
    const withSchema = new URL(url!);
    withSchema.searchParams.set('schema', db.schema);
    schemaUrl = withSchema.toString();
    output = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
    jest.spyOn(console, 'error').mockImplementation((line: string) => void output.push(line));
    process.exitCode = undefined;
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('copies a SQLite log into PostgreSQL with the same ids, order, times and hashes, and verifies it', async () => {
    const source = new SqliteEventStore(openSqliteDatabase(join(dir, 'hemotrace.db')));
    await seed(source, 7, 12);
    const before = await digestLog(source);
    const unit3 = await source.readStream('Unit-3');
    await source.close();

    await runCli([
      'node',
      'hemotrace',
      'copy',
      '--from',
      'sqlite',
      '--from-dir',
      dir,
      '--to',
      'postgres',
      '--to-url',
      schemaUrl,
      '--batch-size',
      '10',
    ]);

    expect(process.exitCode).toBeUndefined();
    expect(output.join('\n')).toContain('copy verified: same 84 events, same order, same stream head hashes');
    const target = await PostgresEventStore.open(db.pool, { schema: db.schema });
    const after = await digestLog(target);
    expect(after.events).toBe(84);
    expect(after.order).toBe(before.order);
    expect([...after.heads]).toEqual([...before.heads]);
    const copied = await target.readStream('Unit-3');
    expect(copied.map((e) => [e.eventId, e.recordedAt, e.occurredAt, e.prevHash, e.hash])).toEqual(
      unit3.map((e) => [e.eventId, e.recordedAt, e.occurredAt, e.prevHash, e.hash]),
    );
    expect((await verifyStore(target)).ok).toBe(true);
    expect(copied.at(-1)).toMatchObject({ streamVersion: 12, hash: unit3.at(-1)!.hash });
  });

  it('refuses to copy into a store that already holds events', async () => {
    const source = new SqliteEventStore(openSqliteDatabase(join(dir, 'hemotrace.db')));
    await seed(source, 1, 2);
    await source.close();
    await seed(await PostgresEventStore.open(db.pool, { schema: db.schema }), 1, 1);

    await runCli([
      'node',
      'hemotrace',
      'copy',
      '--from',
      'sqlite',
      '--from-dir',
      dir,
      '--to',
      'postgres',
      '--to-url',
      schemaUrl,
    ]);

    expect(process.exitCode).toBe(1);
    expect(output.join('\n')).toContain('The target store already holds events');
  });

  it('verify exits 1 and names the event when a stored row was changed', async () => {
    const store = await PostgresEventStore.open(db.pool, { schema: db.schema });
    await seed(store, 2, 3);
    await runCli(['node', 'hemotrace', 'verify', '--store', 'postgres', '--url', schemaUrl]);
    expect(process.exitCode).toBeUndefined();
    expect(output.join('\n')).toContain('6 events in 2 streams checked, 0 findings');

    const [changed] = await store.readStream('Unit-1');
    await db.pool.query(`UPDATE events SET data = '{"s":1,"v":99}' WHERE event_id = $1`, [changed.eventId]);
    await runCli(['node', 'hemotrace', 'verify', '--store', 'postgres', '--url', schemaUrl]);
    expect(process.exitCode).toBe(1);
    expect(output.join('\n')).toContain(`HASH_MISMATCH Unit-1@1 (event ${changed.eventId})`);
  });
});
