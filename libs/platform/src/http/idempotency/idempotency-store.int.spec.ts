import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ThrowawaySchema } from '@hemotrace/event-sourcing';
import {
  openSqliteDatabase,
  PostgresEventStore,
  postgresTestUrl,
  throwawaySchema,
} from '@hemotrace/event-sourcing';
import type { IdempotencyStore } from './idempotency-store';
import {
  InMemoryIdempotencyStore,
  PostgresIdempotencyStore,
  SqliteIdempotencyStore,
} from './idempotency-store';

const contract = (name: string, open: () => Promise<{ store: IdempotencyStore; close(): Promise<void> }>) => {
  describe(`${name} idempotency key store`, () => {
    let harness: { store: IdempotencyStore; close(): Promise<void> };
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(() => harness.close());

    it('lets exactly one of many simultaneous claims of a key run, and shows the others its fingerprint', async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => harness.store.claim('client', 'key-1', `fp-${i}`, 1_000)),
      );
      const winners = claims.filter((c) => c.claimed);
      expect(winners).toHaveLength(1);
      const fingerprint = `fp-${claims.findIndex((c) => c.claimed)}`;
      for (const claim of claims.filter((c) => !c.claimed)) {
        expect(claim).toEqual({ claimed: false, record: { fingerprint, claimedAt: 1_000, response: null } });
      }
    });

    it('keeps the first answer, lets only a stale claim be taken over, and gives a released key back', async () => {
      const { store } = harness;
      await store.claim('client', 'key-2', 'fp', 1_000);
      expect(await store.takeOver('client', 'key-2', 999, 2_000)).toBe(false);
      expect(await store.takeOver('client', 'key-2', 1_000, 2_000)).toBe(true);
      expect(await store.takeOver('client', 'key-2', 1_000, 3_000)).toBe(false);
      await store.complete('client', 'key-2', {
        status: 201,
        contentType: 'application/json',
        body: '{"a":1}',
      });
      expect(await store.claim('client', 'key-2', 'fp', 4_000)).toEqual({
        claimed: false,
        record: {
          fingerprint: 'fp',
          claimedAt: 2_000,
          response: { status: 201, contentType: 'application/json', body: '{"a":1}' },
        },
      });
      expect(await store.claim('other-client', 'key-2', 'fp', 4_000)).toEqual({ claimed: true });
      await store.claim('client', 'key-3', 'fp', 1_000);
      await store.release('client', 'key-3');
      expect(await store.claim('client', 'key-3', 'fp', 5_000)).toEqual({ claimed: true });
    });

    it('forgets keys claimed before the retention horizon and keeps the newer ones', async () => {
      const { store } = harness;
      await store.claim('client', 'old', 'fp', 1_000);
      await store.claim('client', 'new', 'fp', 9_000);
      await store.purge(5_000);
      expect(await store.claim('client', 'old', 'fp', 10_000)).toEqual({ claimed: true });
      expect((await store.claim('client', 'new', 'fp', 10_000)).claimed).toBe(false);
    });
  });
};

contract('in-memory', async () => ({ store: new InMemoryIdempotencyStore(), close: async () => undefined }));

contract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-idem-'));
  const db = openSqliteDatabase(join(dir, 'keys.db'));
  return {
    store: new SqliteIdempotencyStore(db),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const url = postgresTestUrl('PostgreSQL idempotency key store');
(url ? describe : describe.skip)('PostgreSQL', () => {
  contract('PostgreSQL', async () => {
    const db: ThrowawaySchema = await throwawaySchema(url!, 4);
    await PostgresEventStore.open(db.pool, { schema: db.schema });
    return { store: await PostgresIdempotencyStore.open(db.pool), close: () => db.drop() };
  });
});
