import type { Pool } from 'pg';
import type { RecordedEvent } from '../../envelope';
import { buildEnvelopes, validateAppend, validateAppendMany } from '../../append-support';
import { ConcurrencyError } from '../../errors';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  LogBatch,
  LogCheckpoint,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../../event-store.port';
import { createAppendNotifier, LogFollower } from '../../log-follower';
import type { EventRow } from './postgres-event-schema';
import { EVENT_STORE_MIGRATIONS } from './postgres-event-schema';
import { migrate } from './postgres-migrations';
import { appendManyInOneStatement } from './postgres-multi-append';
import type { InsertedRow } from './postgres-one-event-appends';
import { OneEventAppends } from './postgres-one-event-appends';

/**
 * Several events of one stream in one INSERT, one typed array per column (unnest), never a JSON
 * document to take apart on the server: skip a command already recorded in the stream, check that
 * the envelopes chain to an event that is really there, insert. UNIQUE (stream_id, stream_version)
 * refuses the append when another writer took the next version first. No row comes back when the
 * command is already there or the head moved; the caller then looks at the stream. One event goes
 * through OneEventAppends (postgres-one-event-appends.ts) with the same checks.
 */
const APPEND_MANY = `
INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
  recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
SELECT r.event_id, $1::text, r.stream_version, r.type, r.schema_version, r.occurred_at,
  $5::text, $6::json, $7::text, $8::text, $4::text, r.data, r.prev_hash, r.hash, $17::text
FROM unnest($9::text[], $10::integer[], $11::text[], $12::integer[], $13::text[], $14::json[],
            $15::text[], $16::text[])
       WITH ORDINALITY AS r(event_id, stream_version, type, schema_version, occurred_at, data,
                            prev_hash, hash, n)
WHERE NOT ($4::text IS NOT NULL AND EXISTS (
    SELECT 1 FROM events WHERE stream_id = $1::text AND command_id = $4::text))
  AND ($2::integer = 0 OR EXISTS (
    SELECT 1 FROM events WHERE stream_id = $1::text AND stream_version = $2::integer
      AND hash = $3::text))
ORDER BY r.n
RETURNING global_position::text AS position, transaction_id::text AS txid`;

/** The parameters of APPEND_MANY for envelopes built by buildEnvelopes (one append shares its metadata). */
const appendManyValues = (
  streamId: string,
  head: Head,
  commandId: string | null,
  envelopes: Omit<RecordedEvent, 'globalPosition'>[],
): unknown[] => {
  const first = envelopes[0];
  return [
    streamId,
    head.version,
    head.hash,
    commandId,
    first.recordedAt,
    JSON.stringify(first.actor),
    first.correlationId,
    first.causationId,
    envelopes.map((e) => e.eventId),
    envelopes.map((e) => e.streamVersion),
    envelopes.map((e) => e.type),
    envelopes.map((e) => e.schemaVersion),
    envelopes.map((e) => e.occurredAt),
    envelopes.map((e) => JSON.stringify(e.data)),
    envelopes.map((e) => e.prevHash),
    envelopes.map((e) => e.hash),
    first.traceparent ?? null,
  ];
};

const isVersionTaken = (error: unknown): boolean => {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === 'events_stream_id_stream_version_key';
};

type Head = { version: number; hash: string | null };

const SHARED_READ_MS = 20;

const EVENT_COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version,
  occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash,
  trace_parent`;

const toRecorded = (row: EventRow): RecordedEvent => ({
  ...(row.trace_parent === null ? {} : { traceparent: row.trace_parent }),
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: Number(row.global_position),
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  actor: row.actor,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  commandId: row.command_id,
  data: row.data,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** `${transactionId}:${globalPosition}` of the last event read; LOG_START ('') is before everything. */
export const parsePostgresCheckpoint = (checkpoint: LogCheckpoint): { txid: string; position: string } => {
  if (checkpoint === '') return { txid: '0', position: '0' };
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new Error(`Not a PostgreSQL log checkpoint: ${checkpoint}`);
  return { txid: match[1], position: match[2] };
};

/**
 * One-event append statements running at once, by default. One: every append that arrives while
 * it runs shares the next statement (one round trip and one commit), which cost the server and
 * this process less per event at 16 writers than two statements at once did (bench
 * postgres-commands, issue #15: 0.56 -> 0.62 of raw, p99 16 -> 14 ms); a lone writer is unaffected.
 */
export const APPEND_STATEMENTS = 1;

export interface PostgresEventStoreOptions {
  schema?: string;
  now?: () => Date;
  /** Stream heads remembered from reads, so that an append usually takes one round trip. */
  headCacheSize?: number;
  /**
   * How long readAll may wait for this process's own committed appends to fall below the
   * snapshot horizon (read-your-writes for projections), when an older transaction is still open.
   */
  ownWritesWaitMs?: number;
  /**
   * How many one-event append statements may run at once; one-event appends that arrive while
   * they run are written together in the next statement.
   */
  appendStatements?: number;
}

/**
 * PostgreSQL event store. An append is one INSERT statement (idempotency by (stream, commandId),
 * expected version through UNIQUE (stream_id, stream_version)), which one-event appends of
 * concurrent callers may share (OneEventAppends); the global log is ordered by
 * (transaction id, position) and read only below the oldest running transaction, so concurrent
 * writers never make a follower skip an event.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private readonly notifier = createAppendNotifier();
  private readonly heads = new Map<string, Head>();
  private newestOwnTxid = 0n;
  private generation = 0;
  private readonly recentReads = new Map<
    string,
    { at: number; generation: number; batch: Promise<LogBatch> }
  >();
  private readonly now: () => Date;
  private readonly oneEventAppends: OneEventAppends;

  private constructor(
    readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.oneEventAppends = new OneEventAppends(pool, options.appendStatements ?? APPEND_STATEMENTS);
  }

  /** Applies pending migrations, then returns the store. */
  static async open(pool: Pool, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    await migrate(pool, options.schema ?? 'public', EVENT_STORE_MIGRATIONS);
    return new PostgresEventStore(pool, options);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppend(request);
    const { streamId, expectedVersion } = request;
    const commandId = request.metadata.commandId ?? null;
    const expected = expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion;
    const cached = this.heads.get(streamId);
    let head: Head =
      expected === 0
        ? { version: 0, hash: null }
        : cached && (expected === null || cached.version === expected)
          ? cached
          : await this.readHead(streamId);
    for (let attempt = 0; attempt < 10; attempt++) {
      if (expected !== null && head.version !== expected) {
        const earlier = commandId ? await this.eventsOfCommand(streamId, commandId) : [];
        if (earlier.length > 0) return { streamId, version: head.version, events: earlier, duplicate: true };
        throw new ConcurrencyError(streamId, expectedVersion, head.version);
      }
      const envelopes = buildEnvelopes(request, head, this.now().toISOString());
      let inserted: InsertedRow[];
      try {
        inserted =
          envelopes.length === 1
            ? await this.oneEventAppends.insert(envelopes[0])
            : (
                await this.pool.query<InsertedRow>({
                  name: 'hemotrace-append-many',
                  text: APPEND_MANY,
                  values: appendManyValues(streamId, head, commandId, envelopes),
                })
              ).rows;
      } catch (error) {
        if (!isVersionTaken(error)) throw error;
        inserted = [];
      }
      if (inserted.length > 0) {
        /* positions are taken in insertion order, which is the envelopes' order (ORDER BY r.n) */
        const positions = inserted.map((row) => Number(row.position)).sort((a, b) => a - b);
        const recorded = envelopes.map((e, i) => ({ ...e, globalPosition: positions[i] }));
        const last = recorded.at(-1)!;
        this.remember(streamId, { version: last.streamVersion, hash: last.hash });
        const txid = BigInt(inserted[0].txid);
        if (txid > this.newestOwnTxid) this.newestOwnTxid = txid;
        this.generation += 1;
        this.notifier.emit('appended');
        return { streamId, version: last.streamVersion, events: recorded, duplicate: false };
      }
      // the command is already in the stream, someone else wrote to it first, or the head moved
      const earlier = commandId ? await this.eventsOfCommand(streamId, commandId) : [];
      if (earlier.length > 0) {
        return {
          streamId,
          version: (await this.readHead(streamId)).version,
          events: earlier,
          duplicate: true,
        };
      }
      head = await this.readHead(streamId);
    }
    throw new ConcurrencyError(streamId, expectedVersion, head.version);
  }

  /** Several streams in one INSERT statement, one transaction (postgres-multi-append.ts); one stream keeps the single-append statement. */
  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    validateAppendMany(requests);
    if (requests.length === 1) return [await this.append(requests[0])];
    let outcome;
    try {
      outcome = await appendManyInOneStatement(this.pool, requests, this.now().toISOString());
    } catch (error) {
      for (const request of requests) this.heads.delete(request.streamId);
      throw error;
    }
    for (const result of outcome.results) {
      const last = result.events.at(-1);
      if (!result.duplicate && last)
        this.remember(result.streamId, { version: last.streamVersion, hash: last.hash });
    }
    if (outcome.txid !== null) {
      if (outcome.txid > this.newestOwnTxid) this.newestOwnTxid = outcome.txid;
      this.generation += 1;
      this.notifier.emit('appended');
    }
    return outcome.results;
  }

  private async readHead(streamId: string): Promise<Head> {
    const { rows } = await this.pool.query<{ stream_version: number; hash: string }>({
      name: 'hemotrace-head',
      text: 'SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
      values: [streamId],
    });
    const head = { version: rows[0]?.stream_version ?? 0, hash: rows[0]?.hash ?? null };
    this.remember(streamId, head);
    return head;
  }

  private async eventsOfCommand(streamId: string, commandId: string): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND command_id = $2 ORDER BY stream_version`,
      [streamId, commandId],
    );
    return rows.map(toRecorded);
  }

  private remember(streamId: string, head: Head): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    const limit = this.options.headCacheSize ?? 10_000;
    if (this.heads.size > limit) this.heads.delete(this.heads.keys().next().value!);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = options.recordedUpTo
      ? await this.pool.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND recorded_at <= $2 ORDER BY stream_version`,
          [streamId, options.recordedUpTo],
        )
      : await this.pool.query<EventRow>({
          name: 'hemotrace-read-stream',
          text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
          values: [streamId],
        });
    const events = rows.map(toRecorded);
    if (!options.recordedUpTo) {
      const last = events.at(-1);
      this.remember(streamId, { version: last?.streamVersion ?? 0, hash: last?.hash ?? null });
    }
    return events;
  }

  /**
   * Every projection of the process reads the same part of the log right after a command: reads
   * of the same (checkpoint, limit) share one query for a few milliseconds, until this process
   * appends again. A shared answer is merely a moment old, so a reader may see an event a little
   * later but never skips one.
   */
  async readAll(after: LogCheckpoint, limit: number): Promise<LogBatch> {
    const key = `${after}|${limit}`;
    const shared = this.recentReads.get(key);
    if (shared && shared.generation === this.generation && Date.now() - shared.at < SHARED_READ_MS) {
      const batch = await shared.batch;
      return { events: [...batch.events], checkpoint: batch.checkpoint };
    }
    const read = { at: Date.now(), generation: this.generation, batch: this.readAllNow(after, limit) };
    this.recentReads.set(key, read);
    if (this.recentReads.size > 64) this.recentReads.delete(this.recentReads.keys().next().value!);
    try {
      const batch = await read.batch;
      return { events: [...batch.events], checkpoint: batch.checkpoint };
    } catch (error) {
      this.recentReads.delete(key);
      throw error;
    }
  }

  async ownWritesReadable(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const acknowledged = this.newestOwnTxid;
    for (;;) {
      const { rows } = await this.pool.query<{ horizon: string }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon',
      );
      if (BigInt(rows[0].horizon) > acknowledged) {
        /* a shared read from before now may still lack them */
        this.generation += 1;
        return true;
      }
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async readAllNow(after: LogCheckpoint, limit: number): Promise<LogBatch> {
    const from = parsePostgresCheckpoint(after);
    const deadline = Date.now() + (this.options.ownWritesWaitMs ?? 2000);
    for (;;) {
      const { rows } = await this.pool.query<EventRow & { txid: string | null; horizon: string }>(
        `WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
         SELECT e.*, snapshot.horizon::text AS horizon
         FROM snapshot LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS}, transaction_id::text AS txid FROM events
           WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
             AND transaction_id < snapshot.horizon
           ORDER BY transaction_id, global_position
           LIMIT $3
         ) e ON true`,
        [from.txid, from.position, limit],
      );
      const found = rows.filter((row) => row.txid !== null);
      const ownWritesHidden = BigInt(rows[0].horizon) <= this.newestOwnTxid;
      if (found.length < limit && ownWritesHidden && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      const last = found.at(-1);
      return {
        events: found.map(toRecorded),
        checkpoint: last ? `${last.txid}:${last.global_position}` : after,
      };
    }
  }

  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return new LogFollower(this, this.notifier, after, handler, options);
  }

  /**
   * Copies events recorded elsewhere in one transaction, keeping ids, times and hashes; global
   * positions are this store's own (the order is kept).
   */
  async importRecorded(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `WITH incoming AS (
           SELECT r.n, r.e->>'eventId' AS event_id, r.e->>'streamId' AS stream_id,
             (r.e->>'streamVersion')::integer AS stream_version, r.e->>'type' AS type,
             (r.e->>'schemaVersion')::integer AS schema_version, r.e->>'occurredAt' AS occurred_at,
             r.e->>'recordedAt' AS recorded_at, r.e->'actor' AS actor,
             r.e->>'correlationId' AS correlation_id, r.e->>'causationId' AS causation_id,
             r.e->>'commandId' AS command_id, r.e->'data' AS data, r.e->>'prevHash' AS prev_hash,
             r.e->>'hash' AS hash, r.e->>'traceparent' AS trace_parent
           FROM json_array_elements($1::json) WITH ORDINALITY AS r(e, n)
         )
         INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
           recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash,
           trace_parent)
         SELECT event_id, stream_id, stream_version, type, schema_version, occurred_at,
           recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash,
           trace_parent
         FROM incoming ORDER BY n`,
        [JSON.stringify(events)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.heads.clear();
    this.generation += 1;
    this.notifier.emit('appended');
  }

  async close(): Promise<void> {
    this.notifier.removeAllListeners();
  }
}
