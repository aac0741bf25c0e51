import type { Migration } from './postgres-migrations';

/**
 * `transaction_id` records the writing transaction: readers only take rows whose transaction is
 * older than every transaction still running (pg_snapshot_xmin), so a row with a smaller
 * global_position that commits late is never skipped (Emmett's approach). Times and JSON are kept
 * as the exact text that was hashed.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'events-001-log',
    sql: `
CREATE TABLE streams (
  stream_id text PRIMARY KEY,
  version integer NOT NULL,
  hash text
);
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

-- One round trip per append: lock the stream row, check idempotency, the expected version and
-- that the caller chained its hashes to the current head, then insert.
CREATE FUNCTION append_events(
  p_stream text, p_expected integer, p_head_version integer, p_head_hash text,
  p_command text, p_events json,
  OUT status text, OUT version integer, OUT hash text, OUT positions bigint[], OUT txid text)
LANGUAGE plpgsql AS $fn$
DECLARE
  created boolean := false;
BEGIN
  SELECT s.version, s.hash INTO version, hash FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO streams (stream_id, version, hash) VALUES (p_stream, 0, NULL)
      ON CONFLICT (stream_id) DO NOTHING;
    created := FOUND;
    SELECT s.version, s.hash INTO version, hash FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
  END IF;
  IF p_command IS NOT NULL AND version > 0 AND EXISTS (
    SELECT 1 FROM events e WHERE e.stream_id = p_stream AND e.command_id = p_command
  ) THEN
    status := 'duplicate';
  ELSIF p_expected IS NOT NULL AND version <> p_expected THEN
    status := 'conflict';
  ELSIF version <> p_head_version OR hash IS DISTINCT FROM p_head_hash THEN
    status := 'stale';
  ELSE
    WITH inserted AS (
      INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
        recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash)
      SELECT r.e->>'eventId', p_stream, (r.e->>'streamVersion')::integer, r.e->>'type',
        (r.e->>'schemaVersion')::integer, r.e->>'occurredAt', r.e->>'recordedAt', r.e->'actor',
        r.e->>'correlationId', r.e->>'causationId', r.e->>'commandId', r.e->'data',
        r.e->>'prevHash', r.e->>'hash'
      FROM json_array_elements(p_events) WITH ORDINALITY AS r(e, n)
      ORDER BY r.n
      RETURNING events.global_position, events.stream_version, events.hash
    )
    SELECT array_agg(i.global_position ORDER BY i.stream_version), max(i.stream_version),
      (array_agg(i.hash ORDER BY i.stream_version DESC))[1]
    INTO positions, version, hash FROM inserted i;
    UPDATE streams s SET version = append_events.version, hash = append_events.hash
      WHERE s.stream_id = p_stream;
    status := 'ok';
    txid := pg_current_xact_id()::text;
    RETURN;
  END IF;
  -- a refused append leaves nothing behind, not even the stream row it created
  IF created THEN
    DELETE FROM streams s WHERE s.stream_id = p_stream;
  END IF;
END
$fn$;
`,
  },
];
