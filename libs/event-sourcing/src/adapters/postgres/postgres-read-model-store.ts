import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { LogCheckpoint } from '../../event-store.port';
import { LOG_START } from '../../event-store.port';
import type {
  DocumentWrite,
  Filter,
  FindOptions,
  Range,
  ReadModelStore,
  Scalar,
} from '../../read-models/read-model-store.port';
import type { Migration } from './postgres-migrations';
import { migrate } from './postgres-migrations';

export const READ_MODEL_MIGRATIONS: readonly Migration[] = [
  {
    id: 'read-models-001',
    sql: `
CREATE TABLE read_models (
  collection text NOT NULL,
  id text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE TABLE projection_checkpoints (
  projection text PRIMARY KEY,
  checkpoint text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A literal path, so that the expression matches the expression indexes exactly. */
const jsonPath = (field: string): string => {
  if (!FIELD.test(field)) throw new Error(`Invalid read-model field ${field}`);
  return `(doc #> '{${field.split('.').join(',')}}')`;
};

const isNull = (column: string) => `coalesce(jsonb_typeof(${column}), 'null') = 'null'`;

/**
 * The same semantics as the SQLite adapter and `matchesFilter`: a missing field equals null, and
 * a range or `$in` never matches a null or a value of another JSON type.
 */
const whereClause = (filter: Filter, firstParam: number): { sql: string; params: string[] } => {
  const parts: string[] = [];
  const params: string[] = [];
  const param = (value: unknown) => {
    params.push(JSON.stringify(value));
    return `$${firstParam + params.length - 1}::jsonb`;
  };
  for (const [field, condition] of Object.entries(filter)) {
    const column = jsonPath(field);
    if (condition === null) {
      parts.push(isNull(column));
    } else if (typeof condition !== 'object') {
      parts.push(`${column} = ${param(condition)}`);
    } else {
      const range = condition as Range;
      const ops: [keyof Range, string][] = [
        ['$lt', '<'],
        ['$lte', '<='],
        ['$gt', '>'],
        ['$gte', '>='],
      ];
      for (const [key, op] of ops) {
        const bound = range[key] as Scalar | undefined;
        if (bound === undefined) continue;
        if (bound === null) {
          parts.push('false');
          continue;
        }
        const value = param(bound);
        parts.push(`(jsonb_typeof(${column}) = jsonb_typeof(${value}) AND ${column} ${op} ${value})`);
      }
      if (range.$in !== undefined) {
        const values = range.$in.filter((v) => v !== null);
        parts.push(
          values.length
            ? `(NOT ${isNull(column)} AND ${param(values)} @> jsonb_build_array(${column}))`
            : 'false',
        );
      }
      if (range.$ne !== undefined) {
        parts.push(
          range.$ne === null
            ? `NOT ${isNull(column)}`
            : `(${isNull(column)} OR ${column} <> ${param(range.$ne)})`,
        );
      }
    }
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
};

/**
 * Read models as jsonb documents with expression indexes; a projection's writes and its
 * checkpoint commit in one transaction.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private readonly checkpoints = new Map<string, LogCheckpoint>();

  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool, options: { schema?: string } = {}): Promise<PostgresReadModelStore> {
    await migrate(pool, options.schema ?? 'public', READ_MODEL_MIGRATIONS);
    return new PostgresReadModelStore(pool);
  }

  async get<T>(collection: string, id: string): Promise<T | null> {
    const { rows } = await this.pool.query<{ doc: T }>(
      'SELECT doc FROM read_models WHERE collection = $1 AND id = $2',
      [collection, id],
    );
    return rows[0]?.doc ?? null;
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (ids.length === 0) return found;
    const { rows } = await this.pool.query<{ id: string; doc: T }>(
      'SELECT id, doc FROM read_models WHERE collection = $1 AND id = ANY($2::text[])',
      [collection, ids],
    );
    for (const row of rows) found.set(row.id, row.doc);
    return found;
  }

  async find<T>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    const where = whereClause(filter, 2);
    let sql = `SELECT doc FROM read_models WHERE collection = $1${where.sql}`;
    if (options.orderBy) {
      // missing fields sort as SQLite sorts NULL: first ascending, last descending
      const direction = options.orderBy.direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
      sql += ` ORDER BY ${jsonPath(options.orderBy.field)} ${direction}, id`;
    }
    if (options.limit !== undefined) sql += ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
    if (options.offset !== undefined) sql += ` OFFSET ${Math.max(0, Math.floor(options.offset))}`;
    const { rows } = await this.pool.query<{ doc: T }>(sql, [collection, ...where.params]);
    return rows.map((row) => row.doc);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    const where = whereClause(filter, 2);
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM read_models WHERE collection = $1${where.sql}`,
      [collection, ...where.params],
    );
    return rows[0].n;
  }

  async ensureIndex(collection: string, fields: string[]): Promise<void> {
    const key = `${collection}:${fields.join(',')}`;
    const name = `rm_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
    const literal = collection.replace(/'/g, "''");
    try {
      await this.pool.query(
        `CREATE INDEX IF NOT EXISTS ${name} ON read_models (${fields.map(jsonPath).join(', ')})
         WHERE collection = '${literal}'`,
      );
    } catch (error) {
      // another process created the same index at the same moment
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }

  /** Checkpoints move only through this store (one process runs a projection), so they are remembered. */
  async getCheckpoint(projection: string): Promise<LogCheckpoint> {
    const known = this.checkpoints.get(projection);
    if (known !== undefined) return known;
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM projection_checkpoints WHERE projection = $1',
      [projection],
    );
    const checkpoint = rows[0]?.checkpoint ?? LOG_START;
    this.checkpoints.set(projection, checkpoint);
    return checkpoint;
  }

  async commit(projection: string, checkpoint: LogCheckpoint, writes: DocumentWrite[]): Promise<void> {
    const last = new Map<string, DocumentWrite>();
    for (const write of writes) last.set(JSON.stringify([write.collection, write.id]), write);
    const puts = [...last.values()].filter((w): w is Extract<DocumentWrite, { op: 'put' }> => w.op === 'put');
    const deletes = [...last.values()].filter((w) => w.op === 'delete');
    // one statement, so one transaction and one round trip: documents and checkpoint move together
    await this.pool.query(
      `WITH puts AS (
         INSERT INTO read_models (collection, id, doc)
         SELECT w->>'collection', w->>'id', w->'doc' FROM jsonb_array_elements($1::jsonb) w
         ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc
       ), deletes AS (
         DELETE FROM read_models r USING jsonb_array_elements($2::jsonb) w
         WHERE r.collection = w->>'collection' AND r.id = w->>'id'
       )
       INSERT INTO projection_checkpoints (projection, checkpoint, updated_at) VALUES ($3, $4, now())
       ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,
      [
        JSON.stringify(puts.map(({ collection, id, doc }) => ({ collection, id, doc }))),
        JSON.stringify(deletes.map(({ collection, id }) => ({ collection, id }))),
        projection,
        checkpoint,
      ],
    );
    this.checkpoints.set(projection, checkpoint);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM read_models WHERE collection = ANY($1::text[])', [collections]);
      await client.query('DELETE FROM projection_checkpoints WHERE projection = $1', [projection]);
      await client.query('COMMIT');
      this.checkpoints.delete(projection);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
