import type { EnvelopeColumns } from '../../append-support';
import { envelopeColumns } from '../../append-support';
import type { RecordedEvent } from '../../envelope';
import type { Migration } from './postgres-migrations';

/**
 * `transaction_id` records the writing transaction: readers only take rows whose transaction is
 * older than every transaction still running (pg_snapshot_xmin), so a row with a smaller
 * global_position that commits late is never skipped (Emmett's approach). Times and JSON are kept
 * as the exact text that was hashed. UNIQUE (stream_id, stream_version) is the optimistic lock:
 * of two appends built on the same stream head, the second fails and nothing of it is written.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'events-001-log',
    sql: `
CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id text NOT NULL UNIQUE,
  stream_id text NOT NULL,
  stream_version integer NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  occurred_at text NOT NULL,
  recorded_at text NOT NULL,
  actor json NOT NULL,
  correlation_id text NOT NULL,
  causation_id text,
  command_id text,
  data json NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_log_order ON events (transaction_id, global_position);
CREATE INDEX events_stream_command ON events (stream_id, command_id) WHERE command_id IS NOT NULL;
`,
  },
  {
    /* The W3C trace context of the writing request (envelope.ts): telemetry, not hashed; old rows keep NULL. */
    id: 'events-002-trace-parent',
    sql: `ALTER TABLE events ADD COLUMN trace_parent text;`,
  },
];

/** One row of the events table as the pg driver returns it (bigint positions come back as strings). */
export interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  actor: RecordedEvent['actor'];
  correlation_id: string;
  causation_id: string | null;
  command_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
  trace_parent: string | null;
}

/**
 * The start of an INSERT of envelopes given as one typed array per column, $1..$15 in the order of
 * `envelopeColumns`, up to the alias of the unnested rows (`r`): the server unpacks no JSON
 * document. The statements that use it add the alias, their checks and their RETURNING.
 */
export const INSERT_FROM_COLUMN_ARRAYS = `
INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
  recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash, trace_parent)
SELECT r.event_id, r.stream_id, r.stream_version, r.type, r.schema_version, r.occurred_at,
  r.recorded_at, r.actor, r.correlation_id, r.causation_id, r.command_id, r.data, r.prev_hash,
  r.hash, r.trace_parent
FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::integer[], $6::text[],
            $7::text[], $8::json[], $9::text[], $10::text[], $11::text[], $12::json[], $13::text[],
            $14::text[], $15::text[])`;

const COLUMNS: EnvelopeColumns['length'] = 15;

/** The parameters of INSERT_FROM_COLUMN_ARRAYS: column i of every envelope in parameter i. */
export const columnArrays = (envelopes: readonly Omit<RecordedEvent, 'globalPosition'>[]): unknown[][] => {
  const rows = envelopes.map(envelopeColumns);
  return Array.from({ length: COLUMNS }, (_, column) => rows.map((row) => row[column]));
};
