import type { Pool, PoolClient } from 'pg';
import { DatabaseError } from 'pg';
import type { RecordedEvent } from '../../envelope';
import { envelopeColumns } from '../../append-support';
import { columnArrays, INSERT_FROM_COLUMN_ARRAYS } from './postgres-event-schema';
import type { TextRow } from './postgres-prepared-statement';
import { runPrepared } from './postgres-prepared-statement';

type Envelope = Omit<RecordedEvent, 'globalPosition'>;

export interface InsertedRow {
  position: string;
  txid: string;
}

/**
 * One event, every column one typed parameter: the server unpacks nothing and the plan is a
 * one-row INSERT with two index probes. The row is written only if the envelope chains to the
 * event that is really at the head (its version minus one, with its hash) and its command is not
 * already in the stream; UNIQUE (stream_id, stream_version) refuses it when another writer took
 * the version first. A first event needs neither probe: if the stream has any event, version 1 is
 * taken and UNIQUE refuses it.
 */
export const APPEND_ONE = `
INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
  recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
SELECT $1::text, $2::text, $3::integer, $4::text, $5::integer, $6::text, $7::text, $8::json,
  $9::text, $10::text, $11::text, $12::json, $13::text, $14::text, $15::text
WHERE $3::integer = 1 OR (
    EXISTS (SELECT 1 FROM events WHERE stream_id = $2::text AND stream_version = $3::integer - 1
      AND hash = $13::text)
    AND NOT ($11::text IS NOT NULL AND EXISTS (
      SELECT 1 FROM events WHERE stream_id = $2::text AND command_id = $11::text)))
RETURNING global_position::text AS position, transaction_id::text AS txid`;

/**
 * The same checks row by row for one-event appends of different callers, one typed array per
 * column. A row that fails its checks, or whose version another writer took (ON CONFLICT on
 * UNIQUE (stream_id, stream_version)), is left out and the others are written. Rows go in in
 * (stream, version) order, so two such statements that wait for each other's versions always
 * wait in the same order and cannot deadlock.
 */
const APPEND_SEVERAL = `${INSERT_FROM_COLUMN_ARRAYS}
       AS r(event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
            actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
WHERE r.stream_version = 1 OR (
    EXISTS (SELECT 1 FROM events e WHERE e.stream_id = r.stream_id
      AND e.stream_version = r.stream_version - 1 AND e.hash = r.prev_hash)
    AND NOT (r.command_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM events e WHERE e.stream_id = r.stream_id AND e.command_id = r.command_id)))
ORDER BY r.stream_id, r.stream_version
ON CONFLICT (stream_id, stream_version) DO NOTHING
RETURNING event_id, global_position::text AS position, transaction_id::text AS txid`;

/**
 * A checked-out connection. While out of the pool nothing else listens to its 'error' event, and
 * an unheard 'error' would end the process; a connection that fails is only marked, and is
 * discarded when given back (the pool opens a new one when it needs one).
 */
class Lease {
  failed = false;
  private readonly onError = (): void => {
    this.failed = true;
  };

  constructor(readonly client: PoolClient) {
    client.on('error', this.onError);
  }

  giveBack(discard: boolean): void {
    this.client.removeListener('error', this.onError);
    this.client.release(discard || this.failed);
  }
}

/**
 * A server error leaves the connection usable: the server answers the statement's Sync with
 * ReadyForQuery and the client writes nothing before it. A FATAL or PANIC one (such as
 * pg_terminate_backend) or any other error means the connection is going or gone.
 */
const connectionSurvives = (error: unknown): boolean =>
  error instanceof DatabaseError && error.severity === 'ERROR';

const insertedRow = ([position, txid]: TextRow): InsertedRow => ({ position: position!, txid: txid! });

const ALONE = 'hemotrace-append-one-event';
const SEVERAL = 'hemotrace-append-several';

/** More rows than this wait for the next statement. */
const MOST_ROWS = 64;

interface Waiting {
  envelope: Envelope;
  resolve: (rows: InsertedRow[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes one-event appends: at most `statements` at a time, each as its own statement while
 * there are fewer; the appends that arrive meanwhile go together in the next statement (one
 * round trip and one commit for all of them). Each caller gets its own row, or no row when its
 * checks failed, or its own error, exactly as if it had been written alone; an append is
 * acknowledged only once its statement has committed.
 */
export class OneEventAppends {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  /** The last connection given back, held until the event loop turns so the next append skips the pool. */
  private kept: Lease | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly statements: number,
  ) {}

  /** The inserted row (position and transaction), or none when the checks kept it out. */
  insert(envelope: Envelope): Promise<InsertedRow[]> {
    if (this.running < this.statements) return this.run(() => this.alone(envelope));
    return new Promise((resolve, reject) => this.waiting.push({ envelope, resolve, reject }));
  }

  private async run<T>(write: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await write();
    } finally {
      this.running -= 1;
      this.next();
    }
  }

  private next(): void {
    if (this.waiting.length === 0 || this.running >= this.statements) return;
    const batch = this.waiting.splice(0, MOST_ROWS);
    /* together() answers every caller itself; this only keeps a caller from waiting forever on a bug */
    this.run(() => this.together(batch)).catch((error: unknown) => {
      for (const w of batch) w.reject(error);
    });
  }

  private async alone(envelope: Envelope): Promise<InsertedRow[]> {
    return (await this.prepared(ALONE, APPEND_ONE, envelopeColumns(envelope))).map(insertedRow);
  }

  private async prepared(name: string, text: string, values: readonly unknown[]): Promise<TextRow[]> {
    const lease = await this.lease();
    let rows: TextRow[];
    try {
      rows = await runPrepared(lease.client, name, text, values);
    } catch (error) {
      lease.giveBack(!connectionSurvives(error));
      throw error;
    }
    this.keep(lease);
    return rows;
  }

  private async lease(): Promise<Lease> {
    const kept = this.kept;
    this.kept = null;
    if (kept && !kept.failed) return kept;
    kept?.giveBack(true);
    return new Lease(await this.pool.connect());
  }

  private keep(lease: Lease): void {
    if (this.kept || lease.failed) {
      lease.giveBack(false);
      return;
    }
    this.kept = lease;
    setImmediate(() => {
      if (this.kept !== lease) return;
      this.kept = null;
      lease.giveBack(false);
    });
  }

  private async together(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      await this.alone(batch[0].envelope).then(batch[0].resolve, batch[0].reject);
      return;
    }
    let rows: TextRow[];
    try {
      rows = await this.prepared(SEVERAL, APPEND_SEVERAL, columnArrays(batch.map((w) => w.envelope)));
    } catch (error) {
      if (!refusedBeforeCommit(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      /* nothing of the statement was written: each append is tried alone and gets its own answer */
      await Promise.all(batch.map((w) => this.alone(w.envelope).then(w.resolve, w.reject)));
      return;
    }
    const byEvent = new Map(rows.map(([eventId, ...inserted]) => [eventId, insertedRow(inserted)]));
    for (const { envelope, resolve } of batch) {
      const row = byEvent.get(envelope.eventId);
      resolve(row ? [row] : []);
    }
  }
}

/**
 * A data exception (class 22), a violated constraint (class 23, such as a caller's event id
 * already stored) or a rolled-back transaction (class 40: deadlock, serialization) is raised
 * before the statement commits, so nothing of it was written and each row may be tried again
 * alone. After any other error the rows' fate is unknown, as it is for an append written alone,
 * and every caller gets that error.
 */
const refusedBeforeCommit = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return error instanceof DatabaseError && typeof code === 'string' && /^(22|23|40)/.test(code);
};
