import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import type { EventStore } from '@hemotrace/event-sourcing';
import { migrate, PostgresEventStore, SqliteEventStore, unwrapEventStore } from '@hemotrace/event-sourcing';

/** What the first request under a key was, and, once it finished, what it was answered. */
export interface IdempotencyRecord {
  fingerprint: string;
  claimedAt: number;
  response: { status: number; contentType: string | null; body: string } | null;
}

export type ClaimOutcome = { claimed: true } | { claimed: false; record: IdempotencyRecord };

/**
 * Key -> request fingerprint + response. `claim` is an atomic insert-if-absent, so of concurrent
 * requests under one key exactly one runs; the others wait for its response. Kept next to the
 * event log (same SQLite file, same PostgreSQL schema); the command itself is still deduplicated
 * by its own append (commandId = the key), which decides what was done.
 */
export interface IdempotencyStore {
  claim(scope: string, key: string, fingerprint: string, now: number): Promise<ClaimOutcome>;
  /** Takes over a claim whose request never finished (its process died); false if someone else did. */
  takeOver(scope: string, key: string, staleClaimedAt: number, now: number): Promise<boolean>;
  complete(scope: string, key: string, response: NonNullable<IdempotencyRecord['response']>): Promise<void>;
  release(scope: string, key: string): Promise<void>;
  /** Forgets keys claimed before `before` (ms since epoch). */
  purge(before: number): Promise<void>;
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async claim(scope: string, key: string, fingerprint: string, now: number): Promise<ClaimOutcome> {
    const existing = this.records.get(`${scope}\u0000${key}`);
    if (existing) return { claimed: false, record: { ...existing } };
    this.records.set(`${scope}\u0000${key}`, { fingerprint, claimedAt: now, response: null });
    return { claimed: true };
  }

  async takeOver(scope: string, key: string, staleClaimedAt: number, now: number): Promise<boolean> {
    const existing = this.records.get(`${scope}\u0000${key}`);
    if (!existing || existing.response || existing.claimedAt !== staleClaimedAt) return false;
    existing.claimedAt = now;
    return true;
  }

  async complete(scope: string, key: string, response: NonNullable<IdempotencyRecord['response']>) {
    const existing = this.records.get(`${scope}\u0000${key}`);
    if (existing) existing.response = response;
  }

  async release(scope: string, key: string): Promise<void> {
    this.records.delete(`${scope}\u0000${key}`);
  }

  async purge(before: number): Promise<void> {
    for (const [id, record] of this.records) if (record.claimedAt < before) this.records.delete(id);
  }
}

interface Row {
  fingerprint: string;
  claimed_at: number | string;
  status: number | null;
  content_type: string | null;
  body: string | null;
}

const toRecord = (row: Row): IdempotencyRecord => ({
  fingerprint: row.fingerprint,
  claimedAt: Number(row.claimed_at),
  response:
    row.status === null ? null : { status: row.status, contentType: row.content_type, body: row.body ?? '' },
});

const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  status INTEGER,
  content_type TEXT,
  body TEXT,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_claimed ON idempotency_keys (claimed_at);
`;

export class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Database.Database) {
    db.exec(SQLITE_SCHEMA);
  }

  async claim(scope: string, key: string, fingerprint: string, now: number): Promise<ClaimOutcome> {
    const inserted = this.db
      .prepare(
        'INSERT INTO idempotency_keys (scope, key, fingerprint, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(scope, key, fingerprint, now);
    if (inserted.changes === 1) return { claimed: true };
    const row = this.db
      .prepare<[string, string], Row>('SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?')
      .get(scope, key);
    return row ? { claimed: false, record: toRecord(row) } : this.claim(scope, key, fingerprint, now);
  }

  async takeOver(scope: string, key: string, staleClaimedAt: number, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          'UPDATE idempotency_keys SET claimed_at = ? WHERE scope = ? AND key = ? AND claimed_at = ? AND status IS NULL',
        )
        .run(now, scope, key, staleClaimedAt).changes === 1
    );
  }

  async complete(scope: string, key: string, response: NonNullable<IdempotencyRecord['response']>) {
    this.db
      .prepare(
        'UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE scope = ? AND key = ?',
      )
      .run(response.status, response.contentType, response.body, scope, key);
  }

  async release(scope: string, key: string): Promise<void> {
    this.db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ?').run(scope, key);
  }

  async purge(before: number): Promise<void> {
    this.db.prepare('DELETE FROM idempotency_keys WHERE claimed_at < ?').run(before);
  }
}

const POSTGRES_MIGRATIONS = [
  {
    id: 'idempotency-001-keys',
    sql: `
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  claimed_at bigint NOT NULL,
  status integer,
  content_type text,
  body text,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_claimed ON idempotency_keys (claimed_at);
`,
  },
];

export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresIdempotencyStore> {
    const { rows } = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    await migrate(pool, rows[0].schema, POSTGRES_MIGRATIONS);
    return new PostgresIdempotencyStore(pool);
  }

  async claim(scope: string, key: string, fingerprint: string, now: number): Promise<ClaimOutcome> {
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, claimed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [scope, key, fingerprint, now],
    );
    if (inserted.rowCount === 1) return { claimed: true };
    const { rows } = await this.pool.query<Row>(
      'SELECT * FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    return rows[0] ? { claimed: false, record: toRecord(rows[0]) } : this.claim(scope, key, fingerprint, now);
  }

  async takeOver(scope: string, key: string, staleClaimedAt: number, now: number): Promise<boolean> {
    const updated = await this.pool.query(
      `UPDATE idempotency_keys SET claimed_at = $1
       WHERE scope = $2 AND key = $3 AND claimed_at = $4 AND status IS NULL`,
      [now, scope, key, staleClaimedAt],
    );
    return updated.rowCount === 1;
  }

  async complete(scope: string, key: string, response: NonNullable<IdempotencyRecord['response']>) {
    await this.pool.query(
      'UPDATE idempotency_keys SET status = $1, content_type = $2, body = $3 WHERE scope = $4 AND key = $5',
      [response.status, response.contentType, response.body, scope, key],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
  }

  async purge(before: number): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_keys WHERE claimed_at < $1', [before]);
  }
}

/** Next to the log where the store allows; KurrentDB and the in-memory store keep keys in memory. */
export const openIdempotencyStore = async (store: EventStore): Promise<IdempotencyStore> => {
  const events = unwrapEventStore(store);
  if (events instanceof SqliteEventStore) return new SqliteIdempotencyStore(events.db);
  if (events instanceof PostgresEventStore) return PostgresIdempotencyStore.open(events.pool);
  return new InMemoryIdempotencyStore();
};
