import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../envelope';
import {
  assertExpectedVersion,
  buildEnvelopes,
  envelopeColumns,
  validateAppend,
  refuseMixedDuplicates,
  validateAppendMany,
} from '../../append-support';
import type { EnvelopeColumns } from '../../append-support';
import { ConcurrencyError } from '../../errors';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ExpectedVersion,
  LogBatch,
  LogCheckpoint,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../../event-store.port';
import { createAppendNotifier, LogFollower } from '../../log-follower';

interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  actor: string;
  correlation_id: string;
  causation_id: string | null;
  command_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
  trace_parent: string | null;
}

/**
 * One writer, one transaction per append. `global_position` is the rowid (max + 1 inside the
 * write transaction) and rows are never deleted, so the global log has no gaps and no reordering.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  stream_version INTEGER NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  correlation_id TEXT NOT NULL,
  causation_id TEXT,
  command_id TEXT,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  trace_parent TEXT,
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_stream_command ON events (stream_id, command_id) WHERE command_id IS NOT NULL;
`;

type InsertValues = EnvelopeColumns;

interface StreamHead {
  version: number;
  hash: string | null;
  /** Complete while the head is current: any other writer's append makes ours fail on UNIQUE first. */
  commandIds: Set<string>;
}

const HEADS_KEPT = 10_000;

const versionMatches = (expected: ExpectedVersion, actual: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? actual === 0 : expected === actual);

const envelopeOf = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: row.global_position,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  actor: JSON.parse(row.actor),
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  commandId: row.command_id,
  data: JSON.parse(row.data),
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** A row with a trace context puts it first among the envelope's keys, as it always has. */
const toRecorded = (row: EventRow): RecordedEvent => {
  const event = envelopeOf(row);
  return row.trace_parent === null ? event : { traceparent: row.trace_parent, ...event };
};

/** Stores created before the trace context was kept get its column; old rows keep NULL. */
const addTraceParentColumn = (db: Database.Database): void => {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
  if (!columns.some((c) => c.name === 'trace_parent'))
    db.exec('ALTER TABLE events ADD COLUMN trace_parent TEXT');
};

/**
 * The connection commits at synchronous = NORMAL: in WAL mode a commit then survives a crash of the
 * process, but a power cut or an operating-system crash can lose the last ones, because the WAL is
 * only synced at checkpoints. Read models, checkpoints and caches may lose them (they are rebuilt
 * from the log); an acknowledged event may not. So a write that must survive runs through here: it
 * commits at FULL, the WAL is synced before it returns, and every frame written before it on this
 * database (a personal-data key the event was encrypted with, say) is synced with it. The level
 * cannot change inside a transaction; there the enclosing commit decides, as it does for
 * everything else in it.
 */
export const commitDurably = <T>(db: Database.Database, write: () => T): T => {
  if (db.inTransaction) return write();
  const level = restingLevel(db);
  if (level >= SYNCHRONOUS_FULL) return write();
  /* exec() prepares each time on purpose: SQLite applies this pragma when it is prepared, not when it runs */
  db.exec(`PRAGMA synchronous = ${SYNCHRONOUS_FULL}`);
  try {
    return write();
  } finally {
    db.exec(`PRAGMA synchronous = ${level}`);
  }
};

const SYNCHRONOUS_FULL = 2;
const restingLevels = new WeakMap<Database.Database, number>();

/** The level the connection was set to when it was opened (read once: asking costs a prepare). */
const restingLevel = (db: Database.Database): number => {
  let level = restingLevels.get(db);
  if (level === undefined) {
    level = db.pragma('synchronous', { simple: true }) as number;
    restingLevels.set(db, level);
  }
  return level;
};

export interface SqliteEventStoreOptions {
  /**
   * Sync the WAL at every append (the default). Off only where a whole load is made durable at its
   * end instead (the demo loader, benches that build stores).
   */
  syncEachAppend?: boolean;
}

export const openSqliteDatabase = (path: string): Database.Database => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
};

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly notifier = createAppendNotifier();
  private readonly statements;
  private readonly appendImmediate: (request: AppendRequest) => AppendResult;
  /**
   * The last version, hash and command ids of recently written streams. This process is the
   * writer, so the head and idempotency queries can be skipped; a writer elsewhere can only make
   * an insert fail on UNIQUE (stream_id, stream_version), which forgets the entry and retries on
   * the table. Never used to read events.
   */
  private readonly heads = new Map<string, StreamHead>();
  private readonly typedReads = new Map<number, Database.Statement<(string | number)[], EventRow>>();
  private readonly appendManyImmediate: (requests: AppendRequest[]) => AppendResult[];

  private readonly syncEachAppend: boolean;

  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    options: SqliteEventStoreOptions = {},
  ) {
    this.syncEachAppend = options.syncEachAppend ?? true;
    db.exec(SCHEMA);
    addTraceParentColumn(db);
    this.statements = {
      head: db.prepare<[string], { stream_version: number; hash: string }>(
        'SELECT stream_version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
      ),
      lastPosition: db.prepare<[], { p: number }>(
        'SELECT COALESCE(MAX(global_position), 0) AS p FROM events',
      ),
      byCommand: db.prepare<[string, string], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND command_id = ? ORDER BY stream_version',
      ),
      /* One query for the head and the idempotency keys: the stream's rows in version order. */
      headAndCommands: db.prepare<
        [string],
        { stream_version: number; hash: string; command_id: string | null }
      >('SELECT stream_version, hash, command_id FROM events WHERE stream_id = ? ORDER BY stream_version'),
      insert: db.prepare<[InsertValues]>(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
           actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertAt: db.prepare(
        `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, occurred_at,
           recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
         VALUES (@globalPosition, @eventId, @streamId, @streamVersion, @type, @schemaVersion, @occurredAt, @recordedAt,
           @actor, @correlationId, @causationId, @commandId, @data, @prevHash, @hash, @traceparent)`,
      ),
      stream: db.prepare<[string], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? ORDER BY stream_version',
      ),
      streamUpTo: db.prepare<[string, string], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND recorded_at <= ? ORDER BY stream_version',
      ),
      all: db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
      ),
    };
    this.appendImmediate = db.transaction((request: AppendRequest) => this.appendTx(request)).immediate;
    this.appendManyImmediate = db.transaction((requests: AppendRequest[]) => {
      const results = requests.map((request) => this.appendTx(request));
      refuseMixedDuplicates(requests, results);
      return results;
    }).immediate;
  }

  private readonly appendTx = (request: AppendRequest): AppendResult => {
    const { streamId } = request;
    const commandId = request.metadata.commandId;
    let head = this.heads.get(streamId) ?? this.loadHead(streamId);
    if (commandId && head.commandIds.has(commandId)) {
      return {
        streamId,
        version: head.version,
        events: this.statements.byCommand.all(streamId, commandId).map(toRecorded),
        duplicate: true,
      };
    }
    /* A head known in memory is only a shortcut: a mismatch is checked against the table before it counts. */
    if (!versionMatches(request.expectedVersion, head.version)) head = this.loadHead(streamId);
    assertExpectedVersion(streamId, request.expectedVersion, head.version);
    const recorded = this.insertEnvelopes(buildEnvelopes(request, head, this.recordedAt()));
    return { streamId, version: head.version + recorded.length, events: recorded, duplicate: false };
  };

  /** Each envelope takes the global position its row was given, in place: nothing else holds it yet. */
  private insertEnvelopes(envelopes: Omit<RecordedEvent, 'globalPosition'>[]): RecordedEvent[] {
    const recorded = envelopes as RecordedEvent[];
    for (const envelope of recorded) {
      envelope.globalPosition = Number(this.statements.insert.run(envelopeColumns(envelope)).lastInsertRowid);
    }
    return recorded;
  }

  private lastRecordedMs = Number.NaN;
  private lastRecordedAt = '';

  /** The store clock in ISO form, formatted once per millisecond: the text depends on the millisecond only. */
  private recordedAt(): string {
    const now = this.now();
    const ms = now.getTime();
    if (ms !== this.lastRecordedMs) {
      this.lastRecordedAt = now.toISOString();
      this.lastRecordedMs = ms;
    }
    return this.lastRecordedAt;
  }

  /** The stream's head and every command id it holds, as stored, and kept for the next appends. */
  private loadHead(streamId: string): StreamHead {
    const head: StreamHead = { version: 0, hash: null, commandIds: new Set() };
    for (const row of this.statements.headAndCommands.iterate(streamId)) {
      head.version = row.stream_version;
      head.hash = row.hash;
      if (row.command_id !== null) head.commandIds.add(row.command_id);
    }
    this.rememberHead(streamId, head);
    return head;
  }

  private rememberHead(streamId: string, head: StreamHead): void {
    if (this.heads.size >= HEADS_KEPT && !this.heads.has(streamId)) {
      this.heads.delete(this.heads.keys().next().value!);
    }
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppend(request);
    const result = this.durably(() => this.appendAtomically(request));
    if (!result.duplicate) this.notifier.emit('appended');
    return result;
  }

  /**
   * Several events need a transaction so they land together. One event is one INSERT, atomic on
   * its own: better-sqlite3 runs the head check and the insert without interleaving in this
   * process, and UNIQUE (stream_id, stream_version) makes a writer in another process lose cleanly
   * (its head, known in memory here, is then forgotten).
   */
  private appendAtomically(request: AppendRequest, retried = false): AppendResult {
    try {
      const result = request.events.length > 1 ? this.appendImmediate(request) : this.appendTx(request);
      const last = result.events.at(-1);
      const head = this.heads.get(request.streamId);
      if (!result.duplicate && last && head) {
        head.version = last.streamVersion;
        head.hash = last.hash;
        if (last.commandId) head.commandIds.add(last.commandId);
      }
      return result;
    } catch (error) {
      const known = this.heads.delete(request.streamId);
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('events.stream_version')) {
        if (known && !retried) return this.appendAtomically(request, true);
        const actual = this.statements.head.get(request.streamId)?.stream_version ?? 0;
        throw new ConcurrencyError(request.streamId, request.expectedVersion, actual);
      }
      throw error;
    }
  }

  /** One IMMEDIATE transaction around every stream's append: a throw anywhere rolls back all of them. */
  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    validateAppendMany(requests);
    if (requests.length === 1) return [await this.append(requests[0])];
    let results: AppendResult[];
    try {
      results = this.durably(() => this.appendManyImmediate(requests));
    } catch (error) {
      /* Heads loaded inside the rolled-back transaction may describe nothing that was kept. */
      for (const request of requests) this.heads.delete(request.streamId);
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('events.stream_version')) {
        const request = requests[0];
        const actual = this.statements.head.get(request.streamId)?.stream_version ?? 0;
        throw new ConcurrencyError(request.streamId, request.expectedVersion, actual);
      }
      throw error;
    }
    /* The heads kept in memory move with single appends only: forget these and reload on the next write. */
    for (const request of requests) this.heads.delete(request.streamId);
    if (results.some((r) => !r.duplicate)) this.notifier.emit('appended');
    return results;
  }

  private durably<T>(write: () => T): T {
    return this.syncEachAppend ? commitDurably(this.db, write) : write();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = options.recordedUpTo
      ? this.statements.streamUpTo.all(streamId, options.recordedUpTo)
      : this.statements.stream.all(streamId);
    return rows.map(toRecorded);
  }

  async readAll(after: LogCheckpoint, limit: number, options: ReadAllOptions = {}): Promise<LogBatch> {
    const from = after === '' ? 0 : Number(after);
    if (!options.types) {
      const events = this.statements.all.all(from, limit).map(toRecorded);
      return { events, checkpoint: events.length ? String(events.at(-1)!.globalPosition) : after };
    }
    /* Read the head first: the only writer is this process, so nothing can commit below it later. */
    const head = this.statements.lastPosition.get()!.p;
    if (options.types.length === 0) return { events: [], checkpoint: String(Math.max(from, head)) };
    const rows = this.byTypes(options.types.length).all(from, head, ...options.types, limit);
    const events = rows.map(toRecorded);
    const checkpoint = events.length === limit ? events.at(-1)!.globalPosition : Math.max(from, head);
    return { events, checkpoint: String(checkpoint) };
  }

  /** One prepared statement per number of types: readers of the log ask on every wake-up. */
  private byTypes(count: number): Database.Statement<(string | number)[], EventRow> {
    let statement = this.typedReads.get(count);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], EventRow>(
        `SELECT * FROM events WHERE global_position > ? AND global_position <= ?
           AND type IN (${Array.from({ length: count }, () => '?').join(',')})
         ORDER BY global_position LIMIT ?`,
      );
      this.typedReads.set(count, statement);
    }
    return statement;
  }

  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return new LogFollower(this, this.notifier, after, handler, options);
  }

  async importRecorded(events: RecordedEvent[]): Promise<void> {
    this.heads.clear();
    const importAll = this.db.transaction(() => {
      for (const event of events) {
        this.statements.insertAt.run({
          ...event,
          traceparent: event.traceparent ?? null,
          actor: JSON.stringify(event.actor),
          data: JSON.stringify(event.data),
        });
      }
    });
    this.durably(importAll);
    this.notifier.emit('appended');
  }

  async close(): Promise<void> {
    this.notifier.removeAllListeners();
    if (this.db.open) this.db.close();
  }
}
