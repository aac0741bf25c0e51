/**
 * The stored columns of the events table in insert order (global_position left to the store), so
 * each raw baseline inserts exactly what the store writes.
 */
export const COLUMNS = [
  'event_id',
  'stream_id',
  'stream_version',
  'type',
  'schema_version',
  'occurred_at',
  'recorded_at',
  'actor',
  'correlation_id',
  'causation_id',
  'command_id',
  'data',
  'prev_hash',
  'hash',
] as const;
