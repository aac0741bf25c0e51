import type Database from 'better-sqlite3';
import type { LogCheckpoint } from '../../event-store.port';
import { LOG_START } from '../../event-store.port';
import type {
  DocumentWrite,
  Filter,
  FindOptions,
  ProjectionCommit,
  Range,
  ReadModelStore,
  Scalar,
} from '../../read-models/read-model-store.port';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_models (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection TEXT PRIMARY KEY,
  checkpoint TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const COLLECTION = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * Queries name the collection as a literal, not a parameter: only then can SQLite's planner use
 * the partial index of that collection (and each index is maintained for its own collection only).
 */
const collectionLiteral = (collection: string): string => {
  if (!COLLECTION.test(collection)) throw new Error(`Invalid read-model collection ${collection}`);
  return `'${collection}'`;
};

const jsonPath = (field: string): string => {
  if (!FIELD.test(field)) throw new Error(`Invalid read-model field ${field}`);
  return `json_extract(doc, '$.${field}')`;
};

const sqlValue = (value: Scalar): Scalar => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

const whereClause = (filter: Filter): { sql: string; params: Scalar[] } => {
  const parts: string[] = [];
  const params: Scalar[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    const column = jsonPath(field);
    if (condition === null) {
      parts.push(`${column} IS NULL`);
    } else if (typeof condition !== 'object') {
      parts.push(`${column} = ?`);
      params.push(sqlValue(condition));
    } else {
      const range = condition as Range;
      const ops: [keyof Range, string][] = [
        ['$lt', '<'],
        ['$lte', '<='],
        ['$gt', '>'],
        ['$gte', '>='],
      ];
      for (const [key, op] of ops) {
        if (range[key] !== undefined) {
          parts.push(`${column} ${op} ?`);
          params.push(sqlValue(range[key] as Scalar));
        }
      }
      if (range.$in !== undefined) {
        parts.push(range.$in.length ? `${column} IN (${range.$in.map(() => '?').join(',')})` : '0');
        params.push(...range.$in.map(sqlValue));
      }
      if (range.$ne !== undefined) {
        parts.push(range.$ne === null ? `${column} IS NOT NULL` : `(${column} IS NULL OR ${column} <> ?)`);
        if (range.$ne !== null) params.push(sqlValue(range.$ne));
      }
    }
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
};

/** JSON documents in one table, with expression indexes on the fields that projections query by. */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly statements;
  private readonly prepared = new Map<string, Database.Statement<Scalar[], unknown>>();

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    /* Indexes of earlier versions spanned every collection; the partial ones below replace them. */
    const legacy = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'rm\\_%' ESCAPE '\\'`,
      )
      .all();
    for (const { name } of legacy) db.exec(`DROP INDEX IF EXISTS "${name}"`);
    this.statements = {
      get: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM read_models WHERE collection = ? AND id = ?',
      ),
      put: db.prepare('INSERT OR REPLACE INTO read_models (collection, id, doc) VALUES (?, ?, ?)'),
      delete: db.prepare('DELETE FROM read_models WHERE collection = ? AND id = ?'),
      deleteCollection: db.prepare('DELETE FROM read_models WHERE collection = ?'),
      getCheckpoint: db.prepare<[string], { checkpoint: string }>(
        'SELECT checkpoint FROM projection_checkpoints WHERE projection = ?',
      ),
      setCheckpoint: db.prepare(
        `INSERT INTO projection_checkpoints (projection, checkpoint, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,
      ),
      deleteCheckpoint: db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?'),
    };
  }

  async get<T>(collection: string, id: string): Promise<T | null> {
    const row = this.statements.get.get(collection, id);
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  async find<T>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    const where = whereClause(filter);
    let sql = `SELECT doc FROM read_models WHERE collection = ${collectionLiteral(collection)}${where.sql}`;
    if (options.orderBy)
      sql += ` ORDER BY ${jsonPath(options.orderBy.field)} ${options.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;
    if (options.limit !== undefined || options.offset !== undefined)
      sql += ` LIMIT ${Math.max(0, Math.floor(options.limit ?? -1))} OFFSET ${Math.max(0, Math.floor(options.offset ?? 0))}`;
    const rows = this.statement(sql).all(...where.params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    const where = whereClause(filter);
    const row = this.statement(
      `SELECT count(*) AS n FROM read_models WHERE collection = ${collectionLiteral(collection)}${where.sql}`,
    ).get(...where.params) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  async ensureIndex(collection: string, fields: string[]): Promise<void> {
    const name = `rmp_${collection}_${fields.join('_')}`.replace(/[^A-Za-z0-9_]/g, '_');
    /* Partial and over the fields alone: maintained only for its collection, and chosen by the
       planner without statistics (a (collection, field) index loses to the primary key there). */
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS ${name} ON read_models (${fields.map(jsonPath).join(', ')}) WHERE collection = ${collectionLiteral(collection)}`,
    );
  }

  private statement(sql: string): Database.Statement<Scalar[], unknown> {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= 1000) this.prepared.clear();
      statement = this.db.prepare<Scalar[], unknown>(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  async getCheckpoint(projection: string): Promise<LogCheckpoint> {
    return this.statements.getCheckpoint.get(projection)?.checkpoint ?? LOG_START;
  }

  async commit(projection: string, checkpoint: LogCheckpoint, writes: DocumentWrite[]): Promise<void> {
    this.commitInTransaction([{ projection, checkpoint, writes }]);
  }

  async commitAll(commits: ProjectionCommit[]): Promise<void> {
    this.commitInTransaction(commits);
  }

  private readonly commitInTransaction = (commits: ProjectionCommit[]): void => {
    this.db.transaction(() => {
      const at = new Date().toISOString();
      for (const { projection, checkpoint, writes } of commits) {
        for (const write of writes) {
          if (write.op === 'put')
            this.statements.put.run(write.collection, write.id, JSON.stringify(write.doc));
          else this.statements.delete.run(write.collection, write.id);
        }
        this.statements.setCheckpoint.run(projection, checkpoint, at);
      }
    })();
  };

  async reset(projection: string, collections: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const collection of collections) this.statements.deleteCollection.run(collection);
      this.statements.deleteCheckpoint.run(projection);
    })();
  }
}
