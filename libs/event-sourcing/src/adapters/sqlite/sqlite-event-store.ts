import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../envelope';
import {
  assertExpectedVersion,
  buildEnvelopes,
  validateAppend,
  refuseMixedDuplicates,
  validateAppendMany,
} from '../../append-support';
import { ConcurrencyError } from '../../errors';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
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
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_stream_command ON events (stream_id, command_id) WHERE command_id IS NOT NULL;
`;

const toRecorded = (row: EventRow): RecordedEvent => ({
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
  private readonly appendManyImmediate: (requests: AppendRequest[]) => AppendResult[];

  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    db.exec(SCHEMA);
    this.statements = {
      head: db.prepare<[string], { stream_version: number; hash: string }>(
        'SELECT stream_version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
      ),
      /* One statement for the common path: the stream head and whether the command was already applied. */
      headAndCommand: db.prepare<
        [string, string, string],
        { stream_version: number | null; hash: string | null; seen: number }
      >(
        `SELECT h.stream_version, h.hash,
                EXISTS (SELECT 1 FROM events WHERE stream_id = ? AND command_id = ?) AS seen
         FROM (SELECT 1) LEFT JOIN (SELECT stream_version, hash FROM events WHERE stream_id = ?
                                    ORDER BY stream_version DESC LIMIT 1) h`,
      ),
      lastPosition: db.prepare<[], { p: number }>(
        'SELECT COALESCE(MAX(global_position), 0) AS p FROM events',
      ),
      byCommand: db.prepare<[string, string], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND command_id = ? ORDER BY stream_version',
      ),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
           actor, correlation_id, causation_id, command_id, data, prev_hash, hash)
         VALUES (@eventId, @streamId, @streamVersion, @type, @schemaVersion, @occurredAt, @recordedAt,
           @actor, @correlationId, @causationId, @commandId, @data, @prevHash, @hash)`,
      ),
      insertAt: db.prepare(
        `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, occurred_at,
           recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash)
         VALUES (@globalPosition, @eventId, @streamId, @streamVersion, @type, @schemaVersion, @occurredAt, @recordedAt,
           @actor, @correlationId, @causationId, @commandId, @data, @prevHash, @hash)`,
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
    if (commandId) {
      const earlier = this.statements.byCommand.all(streamId, commandId);
      if (earlier.length > 0) {
        const head = this.statements.head.get(streamId);
        return {
          streamId,
          version: head?.stream_version ?? 0,
          events: earlier.map(toRecorded),
          duplicate: true,
        };
      }
    }
    const head = this.statements.head.get(streamId);
    const version = head?.stream_version ?? 0;
    assertExpectedVersion(streamId, request.expectedVersion, version);
    const envelopes = buildEnvelopes(
      request,
      { version, hash: head?.hash ?? null },
      this.now().toISOString(),
    );
    const recorded = envelopes.map((envelope) => {
      const info = this.statements.insert.run({
        ...envelope,
        actor: JSON.stringify(envelope.actor),
        data: JSON.stringify(envelope.data),
      });
      return { ...envelope, globalPosition: Number(info.lastInsertRowid) };
    });
    return { streamId, version: version + recorded.length, events: recorded, duplicate: false };
  };

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppend(request);
    const result = this.appendAtomically(request);
    if (!result.duplicate) this.notifier.emit('appended');
    return result;
  }

  /**
   * Several events need a transaction so they land together. One event is one INSERT, atomic on
   * its own: better-sqlite3 runs the head check and the insert without interleaving in this
   * process, and UNIQUE (stream_id, stream_version) makes a writer in another process lose cleanly.
   */
  private appendAtomically(request: AppendRequest): AppendResult {
    if (request.events.length > 1) return this.appendImmediate(request);
    try {
      return this.appendTx(request);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('events.stream_version')) {
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
      results = this.appendManyImmediate(requests);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('events.stream_version')) {
        const request = requests[0];
        const actual = this.statements.head.get(request.streamId)?.stream_version ?? 0;
        throw new ConcurrencyError(request.streamId, request.expectedVersion, actual);
      }
      throw error;
    }
    if (results.some((r) => !r.duplicate)) this.notifier.emit('appended');
    return results;
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
    const placeholders = options.types.map(() => '?').join(',');
    const rows = this.db
      .prepare<(string | number)[], EventRow>(
        `SELECT * FROM events WHERE global_position > ? AND global_position <= ? AND type IN (${placeholders})
         ORDER BY global_position LIMIT ?`,
      )
      .all(from, head, ...options.types, limit);
    const events = rows.map(toRecorded);
    const checkpoint = events.length === limit ? events.at(-1)!.globalPosition : Math.max(from, head);
    return { events, checkpoint: String(checkpoint) };
  }

  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return new LogFollower(this, this.notifier, after, handler, options);
  }

  async importRecorded(events: RecordedEvent[]): Promise<void> {
    this.db.transaction(() => {
      for (const event of events) {
        this.statements.insertAt.run({
          ...event,
          actor: JSON.stringify(event.actor),
          data: JSON.stringify(event.data),
        });
      }
    })();
    this.notifier.emit('appended');
  }

  async close(): Promise<void> {
    this.notifier.removeAllListeners();
    if (this.db.open) this.db.close();
  }
}
