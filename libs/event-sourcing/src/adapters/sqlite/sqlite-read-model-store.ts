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

/**
 * One table per collection, with only that collection's indexes: SQLite maintains every index of a
 * table on each insert, so one shared table made each put pay for the indexes of all collections.
 * The catalog maps a collection to its table; `read_models` is a view over all of them for reading
 * by hand (and by earlier tooling).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_model_collections (
  collection TEXT PRIMARY KEY,
  table_name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection TEXT PRIMARY KEY,
  checkpoint TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/** Ids per batch read: one prepared statement per chunk size, far below SQLite's parameter limit. */
const GET_MANY_CHUNK = 200;

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

interface CollectionStatements {
  get: Database.Statement<[string], { doc: string }>;
  put: Database.Statement<[string, string]>;
  delete: Database.Statement<[string]>;
  deleteAll: Database.Statement<[]>;
}

const quoted = (table: string): string => `"${table}"`;

/** A readable table name; the catalog keeps it unique (SQLite compares names without case). */
const tableNameFor = (collection: string, taken: (name: string) => boolean): string => {
  const base = `rm_${collection.replace(/[^A-Za-z0-9_]/g, '_')}`;
  let name = base;
  for (let n = 2; taken(name); n += 1) name = `${base}_${n}`;
  return name;
};

/** `CREATE INDEX rmp_… ON read_models (json_extract(doc, '$.a'), …) WHERE collection = 'c'`, as stored. */
const LEGACY_INDEX = /^CREATE INDEX (\S+) ON read_models \((.*)\) WHERE collection = '([^']*)'$/s;

/** JSON documents in a table per collection, with expression indexes on the fields projections query by. */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly statements;
  private readonly tables = new Map<string, string>();
  private readonly byCollection = new Map<string, CollectionStatements>();
  private readonly prepared = new Map<string, Database.Statement<Scalar[], unknown>>();

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      table: db.prepare<[string], { table_name: string }>(
        'SELECT table_name FROM read_model_collections WHERE collection = ?',
      ),
      tableTaken: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM read_model_collections WHERE table_name = ?',
      ),
      catalog: db.prepare<[], { collection: string; table_name: string }>(
        'SELECT collection, table_name FROM read_model_collections ORDER BY collection',
      ),
      addToCatalog: db.prepare<[string, string]>(
        'INSERT INTO read_model_collections (collection, table_name) VALUES (?, ?)',
      ),
      getCheckpoint: db.prepare<[string], { checkpoint: string }>(
        'SELECT checkpoint FROM projection_checkpoints WHERE projection = ?',
      ),
      setCheckpoint: db.prepare(
        `INSERT INTO projection_checkpoints (projection, checkpoint, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,
      ),
      deleteCheckpoint: db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?'),
    };
    this.migrateSharedTable();
    for (const row of this.statements.catalog.all()) this.tables.set(row.collection, row.table_name);
  }

  /**
   * Stores written before the table per collection kept every document in `read_models`: the
   * documents, their indexes and the checkpoints move over in one transaction, so a restart on an
   * old file answers the same without a rebuild. The event log is not touched.
   */
  private migrateSharedTable(): void {
    const shared = this.db
      .prepare<[], { type: string }>("SELECT type FROM sqlite_master WHERE name = 'read_models'")
      .get();
    if (shared?.type !== 'table') return;
    this.db
      .transaction(() => {
        const indexes = this.db
          .prepare<[], { sql: string | null }>(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'read_models'",
          )
          .all();
        const collections = this.db
          .prepare<[], { collection: string }>('SELECT DISTINCT collection FROM read_models')
          .all();
        for (const { collection } of collections) {
          const table = this.createTable(collection, false);
          this.db
            .prepare(
              `INSERT INTO ${quoted(table)} (id, doc) SELECT id, doc FROM read_models WHERE collection = ?`,
            )
            .run(collection);
        }
        const restored: [string, string, string][] = [];
        for (const { sql } of indexes) {
          const match = sql ? LEGACY_INDEX.exec(sql) : null;
          if (match) restored.push([match[3], match[1], match[2]]);
        }
        this.db.exec('DROP TABLE read_models');
        for (const [collection, name, columns] of restored) {
          const table = this.tableOf(collection) ?? this.createTable(collection, false);
          this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${quoted(table)} (${columns})`);
        }
        this.refreshView();
      })
      .immediate();
  }

  /** The collection's table, if it exists (another connection to the file may have made it). */
  private tableOf(collection: string): string | undefined {
    let table = this.tables.get(collection);
    if (table === undefined) {
      table = this.statements.table.get(collection)?.table_name;
      if (table !== undefined) this.tables.set(collection, table);
    }
    return table;
  }

  private createTable(collection: string, view = true): string {
    collectionLiteral(collection);
    const existing = this.statements.table.get(collection)?.table_name;
    if (existing !== undefined) return existing;
    const table = tableNameFor(
      collection,
      (name) => this.statements.tableTaken.get(name)!.n > 0 || this.tableExists(name),
    );
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoted(table)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`,
    );
    this.statements.addToCatalog.run(collection, table);
    if (view) this.refreshView();
    return table;
  }

  private tableExists(name: string): boolean {
    return (
      this.db
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM sqlite_master WHERE name = ? COLLATE NOCASE',
        )
        .get(name)!.n > 0
    );
  }

  /** The collection's table, made in its own transaction before any commit that writes to it. */
  private ensureTable(collection: string): string {
    const known = this.tableOf(collection);
    if (known !== undefined) return known;
    const table = this.db.transaction(() => this.createTable(collection)).immediate();
    this.tables.set(collection, table);
    return table;
  }

  private refreshView(): void {
    const parts = this.statements.catalog
      .all()
      .map(
        ({ collection, table_name }) =>
          `SELECT ${collectionLiteral(collection)} AS collection, id, doc FROM ${quoted(table_name)}`,
      );
    this.db.exec('DROP VIEW IF EXISTS read_models');
    this.db.exec(
      `CREATE VIEW read_models AS ${parts.length ? parts.join(' UNION ALL ') : 'SELECT NULL AS collection, NULL AS id, NULL AS doc WHERE 0'}`,
    );
  }

  private statementsFor(collection: string, table: string): CollectionStatements {
    let statements = this.byCollection.get(collection);
    if (!statements) {
      const t = quoted(table);
      statements = {
        get: this.db.prepare(`SELECT doc FROM ${t} WHERE id = ?`),
        put: this.db.prepare(`INSERT OR REPLACE INTO ${t} (id, doc) VALUES (?, ?)`),
        delete: this.db.prepare(`DELETE FROM ${t} WHERE id = ?`),
        deleteAll: this.db.prepare(`DELETE FROM ${t}`),
      };
      this.byCollection.set(collection, statements);
    }
    return statements;
  }

  async get<T>(collection: string, id: string): Promise<T | null> {
    const table = this.tableOf(collection);
    if (table === undefined) return null;
    const row = this.statementsFor(collection, table).get.get(id);
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const table = this.tableOf(collection);
    if (table === undefined) return found;
    for (let from = 0; from < ids.length; from += GET_MANY_CHUNK) {
      const chunk = ids.slice(from, from + GET_MANY_CHUNK);
      const rows = this.statement(
        `SELECT id, doc FROM ${quoted(table)} WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      ).all(...chunk) as { id: string; doc: string }[];
      for (const row of rows) found.set(row.id, JSON.parse(row.doc) as T);
    }
    return found;
  }

  async find<T>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    collectionLiteral(collection);
    const where = whereClause(filter);
    const table = this.tableOf(collection);
    if (table === undefined) return [];
    let sql = `SELECT doc FROM ${quoted(table)} WHERE 1${where.sql}`;
    if (options.orderBy)
      sql += ` ORDER BY ${jsonPath(options.orderBy.field)} ${options.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;
    if (options.limit !== undefined || options.offset !== undefined)
      sql += ` LIMIT ${Math.max(0, Math.floor(options.limit ?? -1))} OFFSET ${Math.max(0, Math.floor(options.offset ?? 0))}`;
    const rows = this.statement(sql).all(...where.params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    collectionLiteral(collection);
    const where = whereClause(filter);
    const table = this.tableOf(collection);
    if (table === undefined) return 0;
    const row = this.statement(`SELECT count(*) AS n FROM ${quoted(table)} WHERE 1${where.sql}`).get(
      ...where.params,
    ) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  async ensureIndex(collection: string, fields: string[]): Promise<void> {
    const name = `rmp_${collection}_${fields.join('_')}`.replace(/[^A-Za-z0-9_]/g, '_');
    const columns = fields.map(jsonPath).join(', ');
    const table = this.ensureTable(collection);
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${quoted(table)} (${columns})`);
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
    /* Tables first, outside the commit: a rolled-back commit must not leave a table we think exists. */
    for (const { writes } of commits)
      for (const write of writes) if (write.op === 'put') this.ensureTable(write.collection);
    this.db.transaction(() => {
      const at = new Date().toISOString();
      for (const { projection, checkpoint, writes } of commits) {
        for (const write of writes) {
          const table = this.tableOf(write.collection);
          if (table === undefined) continue;
          const statements = this.statementsFor(write.collection, table);
          if (write.op === 'put') statements.put.run(write.id, JSON.stringify(write.doc));
          else statements.delete.run(write.id);
        }
        this.statements.setCheckpoint.run(projection, checkpoint, at);
      }
    })();
  };

  async reset(projection: string, collections: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const collection of collections) {
        const table = this.tableOf(collection);
        if (table !== undefined) this.statementsFor(collection, table).deleteAll.run();
      }
      this.statements.deleteCheckpoint.run(projection);
    })();
  }
}
