import type { Pool } from 'pg';
import { DatabaseError } from 'pg';
import type { RecordedEvent } from '../../envelope';
import { envelopeColumns } from '../../append-support';
import { columnArrays, INSERT_FROM_COLUMN_ARRAYS } from './postgres-event-schema';

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
    const { rows } = await this.pool.query<InsertedRow>({
      name: 'hemotrace-append-one-event',
      text: APPEND_ONE,
      values: envelopeColumns(envelope),
    });
    return rows;
  }

  private async together(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      await this.alone(batch[0].envelope).then(batch[0].resolve, batch[0].reject);
      return;
    }
    let rows: (InsertedRow & { event_id: string })[];
    try {
      rows = (
        await this.pool.query<InsertedRow & { event_id: string }>({
          name: 'hemotrace-append-several',
          text: APPEND_SEVERAL,
          values: columnArrays(batch.map((w) => w.envelope)),
        })
      ).rows;
    } catch (error) {
      if (!refusedBeforeCommit(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      /* nothing of the statement was written: each append is tried alone and gets its own answer */
      await Promise.all(batch.map((w) => this.alone(w.envelope).then(w.resolve, w.reject)));
      return;
    }
    const byEvent = new Map(rows.map((row) => [row.event_id, row]));
    for (const { envelope, resolve } of batch) {
      const row = byEvent.get(envelope.eventId);
      resolve(row ? [{ position: row.position, txid: row.txid }] : []);
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
