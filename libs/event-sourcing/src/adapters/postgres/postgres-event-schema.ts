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
