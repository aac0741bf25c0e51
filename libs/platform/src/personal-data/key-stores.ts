import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { commitDurably } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import type {
  PersonalDataKey,
  PersonalDataKeyLookup,
  PersonalDataKeyStore,
} from './personal-data-key-store.port';
import { PersonalDataKeyDestroyed } from './personal-data-key-store.port';

interface KeyRow {
  key_id: string;
  key_material: Buffer | null;
  destroyed_at: string | null;
}

const lookupOf = (row: KeyRow | undefined): PersonalDataKeyLookup => {
  if (!row) return { status: 'Unknown' };
  if (row.key_material === null || row.destroyed_at !== null)
    return { status: 'Destroyed', keyId: row.key_id, destroyedAt: String(row.destroyed_at) };
  return { status: 'Live', key: { keyId: row.key_id, key: Buffer.from(row.key_material) } };
};

const liveOrThrow = (subjectId: string, lookup: PersonalDataKeyLookup): PersonalDataKey => {
  if (lookup.status !== 'Live') throw new PersonalDataKeyDestroyed(subjectId);
  return lookup.key;
};

export class InMemoryPersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly rows = new Map<string, KeyRow>();

  async createKey(subjectId: string): Promise<PersonalDataKey> {
    if (!this.rows.has(subjectId))
      this.rows.set(subjectId, { key_id: newId(), key_material: randomBytes(32), destroyed_at: null });
    return liveOrThrow(subjectId, lookupOf(this.rows.get(subjectId)));
  }

  async get(subjectId: string): Promise<PersonalDataKeyLookup> {
    return lookupOf(this.rows.get(subjectId));
  }

  async destroy(subjectId: string, at: string): Promise<void> {
    const row = this.rows.get(subjectId);
    if (row) this.rows.set(subjectId, { ...row, key_material: null, destroyed_at: row.destroyed_at ?? at });
    else this.rows.set(subjectId, { key_id: 'none', key_material: null, destroyed_at: at });
  }
}

export interface SqlitePersonalDataKeyStoreOptions {
  /**
   * The keys share the events' database file (the embedded store): a new key is then synced by the
   * append of the event encrypted with it, which commits after it on the same WAL. In a file of its
   * own (beside KurrentDB) each new key is synced on its own, or a power cut could keep an event
   * whose key was lost.
   */
  sharesTheEventsFile?: boolean;
}

/**
 * A table beside the events in the embedded database. `destroy` sets the material to NULL and keeps
 * the row (who was erased, when), and SQLite's secure_delete overwrites the freed page content. An
 * erasure is synced before it is acknowledged: a power cut must not bring a destroyed key back.
 */
export class SqlitePersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly statements;
  private readonly syncNewKeys: boolean;

  constructor(
    private readonly db: Database.Database,
    options: SqlitePersonalDataKeyStoreOptions = {},
  ) {
    this.syncNewKeys = !options.sharesTheEventsFile;
    db.pragma('secure_delete = ON');
    db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      subject_id TEXT PRIMARY KEY,
      key_id TEXT NOT NULL,
      key_material BLOB,
      created_at TEXT NOT NULL,
      destroyed_at TEXT
    )`);
    /* Prepared once: every donor registration creates a key. */
    this.statements = {
      /* Returns the row only when it was inserted: a subject that has a key (or had one) is read instead. */
      create: db.prepare<[string, string, Buffer, string], KeyRow>(
        `INSERT INTO personal_data_keys (subject_id, key_id, key_material, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (subject_id) DO NOTHING RETURNING key_id, key_material, destroyed_at`,
      ),
      get: db.prepare<[string], KeyRow>(
        'SELECT key_id, key_material, destroyed_at FROM personal_data_keys WHERE subject_id = ?',
      ),
      destroy: db.prepare<[string, string, string]>(
        `INSERT INTO personal_data_keys (subject_id, key_id, key_material, created_at, destroyed_at)
         VALUES (?, 'none', NULL, ?, ?)
         ON CONFLICT (subject_id) DO UPDATE SET key_material = NULL,
           destroyed_at = COALESCE(personal_data_keys.destroyed_at, excluded.destroyed_at)`,
      ),
    };
  }

  async createKey(subjectId: string): Promise<PersonalDataKey> {
    const create = () =>
      this.statements.create.get(subjectId, newId(), randomBytes(32), new Date().toISOString());
    const made = this.syncNewKeys ? commitDurably(this.db, create) : create();
    return liveOrThrow(subjectId, made ? lookupOf(made) : await this.get(subjectId));
  }

  async get(subjectId: string): Promise<PersonalDataKeyLookup> {
    return lookupOf(this.statements.get.get(subjectId));
  }

  async destroy(subjectId: string, at: string): Promise<void> {
    commitDurably(this.db, () => this.statements.destroy.run(subjectId, at, at));
  }
}

/** The same table in the store's PostgreSQL schema (the pool's search_path). */
export class PostgresPersonalDataKeyStore implements PersonalDataKeyStore {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresPersonalDataKeyStore> {
    await pool.query(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      subject_id text PRIMARY KEY,
      key_id text NOT NULL,
      key_material bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      destroyed_at text
    )`);
    return new PostgresPersonalDataKeyStore(pool);
  }

  /** One round trip for a new subject: the row comes back only when it was inserted. */
  async createKey(subjectId: string): Promise<PersonalDataKey> {
    const { rows } = await this.pool.query<KeyRow>(
      `INSERT INTO personal_data_keys (subject_id, key_id, key_material) VALUES ($1, $2, $3)
       ON CONFLICT (subject_id) DO NOTHING RETURNING key_id, key_material, destroyed_at`,
      [subjectId, newId(), randomBytes(32)],
    );
    return liveOrThrow(subjectId, rows[0] ? lookupOf(rows[0]) : await this.get(subjectId));
  }

  async get(subjectId: string): Promise<PersonalDataKeyLookup> {
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT key_id, key_material, destroyed_at FROM personal_data_keys WHERE subject_id = $1',
      [subjectId],
    );
    return lookupOf(rows[0]);
  }

  async destroy(subjectId: string, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO personal_data_keys (subject_id, key_id, key_material, destroyed_at)
       VALUES ($1, 'none', NULL, $2)
       ON CONFLICT (subject_id) DO UPDATE SET key_material = NULL,
         destroyed_at = COALESCE(personal_data_keys.destroyed_at, excluded.destroyed_at)`,
      [subjectId, at],
    );
  }
}
