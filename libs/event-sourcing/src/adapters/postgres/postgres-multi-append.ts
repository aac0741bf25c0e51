import type { Pool } from 'pg';
import type { RecordedEvent } from '../../envelope';
import { assertExpectedVersion, buildEnvelopes, refuseMixedDuplicates } from '../../append-support';
import { ConcurrencyError } from '../../errors';
import type { AppendRequest, AppendResult } from '../../event-store.port';
import type { EventRow } from './postgres-event-schema';
import { columnArrays, INSERT_FROM_COLUMN_ARRAYS } from './postgres-event-schema';

export interface MultiAppendOutcome {
  results: AppendResult[];
  /** The writing transaction, when anything was written. */
  txid: bigint | null;
}

const COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version,
  occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash,
  trace_parent`;

type Row = EventRow;

const toRecorded = (row: Row): RecordedEvent => ({
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

/** One typed array per column, one element per event: the server unpacks no JSON document. */
const INSERT = `${INSERT_FROM_COLUMN_ARRAYS}
       WITH ORDINALITY AS r(event_id, stream_id, stream_version, type, schema_version, occurred_at,
                            recorded_at, actor, correlation_id, causation_id, command_id, data,
                            prev_hash, hash, trace_parent, n)
ORDER BY r.n
RETURNING global_position::text, transaction_id::text, stream_id, stream_version`;

/**
 * UNIQUE refused a version another writer took, or this INSERT and another writer's each waited
 * for a version the other had just inserted (a deadlock: inserting events waits on nothing else).
 */
const isVersionTaken = (error: unknown): boolean => {
  const pgError = error as { code?: string; constraint?: string };
  return (
    (pgError.code === '23505' && pgError.constraint === 'events_stream_id_stream_version_key') ||
    pgError.code === '40P01'
  );
};

/** Every stream's head, and whether its request's command is already in it, in one round trip. */
const HEADS = `
SELECT s.n::integer AS n, h.stream_version, h.hash,
  s.command_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM events e WHERE e.stream_id = s.stream_id AND e.command_id = s.command_id) AS seen
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS s(stream_id, command_id, n)
LEFT JOIN LATERAL (
  SELECT stream_version, hash FROM events e WHERE e.stream_id = s.stream_id
  ORDER BY stream_version DESC LIMIT 1) h ON true
ORDER BY s.n`;

/**
 * Several streams in one INSERT statement, kept apart from the single-append statement: one
 * statement is one transaction, so every stream is written or none is. The heads are read first
 * (one query for all streams); UNIQUE (stream_id, stream_version) makes the INSERT fail whole when
 * another writer took any of those versions in between.
 */
export const appendManyInOneStatement = async (
  pool: Pool,
  requests: readonly AppendRequest[],
  recordedAt: string,
): Promise<MultiAppendOutcome> => {
  const { rows: heads } = await pool.query<{
    n: number;
    stream_version: number | null;
    hash: string | null;
    seen: boolean;
  }>(HEADS, [requests.map((r) => r.streamId), requests.map((r) => r.metadata.commandId ?? null)]);
  const results: AppendResult[] = [];
  const envelopes: Omit<RecordedEvent, 'globalPosition'>[][] = [];
  for (const [i, request] of requests.entries()) {
    const head = { version: heads[i].stream_version ?? 0, hash: heads[i].hash };
    if (heads[i].seen) {
      const events = await eventsOfCommand(pool, request.streamId, request.metadata.commandId!);
      results.push({ streamId: request.streamId, version: head.version, events, duplicate: true });
      envelopes.push([]);
      continue;
    }
    assertExpectedVersion(request.streamId, request.expectedVersion, head.version);
    const built = buildEnvelopes(request, head, recordedAt);
    envelopes.push(built);
    results.push({
      streamId: request.streamId,
      version: built.at(-1)!.streamVersion,
      events: [],
      duplicate: false,
    });
  }
  refuseMixedDuplicates(requests, results);
  const all = envelopes.flat();
  if (all.length === 0) return { results, txid: null };
  type Inserted = {
    global_position: string;
    transaction_id: string;
    stream_id: string;
    stream_version: number;
  };
  let inserted: Inserted[];
  try {
    inserted = (
      await pool.query<Inserted>({
        name: 'hemotrace-append-streams',
        text: INSERT,
        values: columnArrays(all),
      })
    ).rows;
  } catch (error) {
    if (!isVersionTaken(error)) throw error;
    const streamId = /\(stream_id, stream_version\)=\((.*), \d+\)/.exec(
      (error as { detail?: string }).detail ?? '',
    )?.[1];
    const request = requests.find((r) => r.streamId === streamId) ?? requests[0];
    const { rows } = await pool.query<{ v: number | null }>(
      'SELECT max(stream_version) AS v FROM events WHERE stream_id = $1',
      [request.streamId],
    );
    throw new ConcurrencyError(request.streamId, request.expectedVersion, rows[0]?.v ?? 0);
  }
  const positions = new Map(
    inserted.map((row) => [`${row.stream_version}:${row.stream_id}`, row.global_position]),
  );
  for (const [i, built] of envelopes.entries()) {
    if (built.length === 0) continue;
    results[i] = {
      ...results[i],
      events: built.map((e) => ({
        ...e,
        globalPosition: Number(positions.get(`${e.streamVersion}:${e.streamId}`)),
      })),
    };
  }
  return { results, txid: BigInt(inserted[0].transaction_id) };
};

const eventsOfCommand = async (pool: Pool, streamId: string, commandId: string): Promise<RecordedEvent[]> => {
  const { rows } = await pool.query<Row>(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND command_id = $2 ORDER BY stream_version`,
    [streamId, commandId],
  );
  return rows.map(toRecorded);
};
