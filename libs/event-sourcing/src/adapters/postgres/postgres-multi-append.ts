import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '../../envelope';
import { assertExpectedVersion, buildEnvelopes, refuseMixedDuplicates } from '../../append-support';
import { ConcurrencyError } from '../../errors';
import type { AppendRequest, AppendResult } from '../../event-store.port';

export interface MultiAppendOutcome {
  results: AppendResult[];
  /** The writing transaction, when anything was written. */
  txid: bigint | null;
}

const COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version,
  occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash`;

type Row = {
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
};

const toRecorded = (row: Row): RecordedEvent => ({
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

const INSERT = `
INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at,
  recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash)
SELECT r.e->>'eventId', r.e->>'streamId', (r.e->>'streamVersion')::integer, r.e->>'type',
  (r.e->>'schemaVersion')::integer, r.e->>'occurredAt', r.e->>'recordedAt', r.e->'actor',
  r.e->>'correlationId', r.e->>'causationId', r.e->>'commandId', r.e->'data',
  r.e->>'prevHash', r.e->>'hash'
FROM json_array_elements($1::json) WITH ORDINALITY AS r(e, n)
ORDER BY r.n
RETURNING global_position::text, transaction_id::text`;

const isVersionTaken = (error: unknown): boolean => {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === 'events_stream_id_stream_version_key';
};

/**
 * Several streams in one transaction, kept apart from the single-append statement. Each stream is
 * checked for the command (a duplicate writes nothing), then for its expected version, then
 * inserted; UNIQUE (stream_id, stream_version) makes a concurrent writer that took a version first
 * roll the whole transaction back, so either every stream is written or none is.
 */
export const appendManyInTransaction = async (
  pool: Pool,
  requests: readonly AppendRequest[],
  recordedAt: string,
): Promise<MultiAppendOutcome> => {
  const client = await pool.connect();
  let current: AppendRequest | undefined;
  try {
    await client.query('BEGIN');
    const results: AppendResult[] = [];
    let txid: bigint | null = null;
    for (const request of requests) {
      current = request;
      const result = await appendOne(client, request, recordedAt);
      results.push(result.result);
      if (result.txid !== null) txid = result.txid;
    }
    refuseMixedDuplicates(requests, results);
    await client.query('COMMIT');
    return { results, txid };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (isVersionTaken(error) && current) {
      const { rows } = await pool.query<{ v: number | null }>(
        'SELECT max(stream_version) AS v FROM events WHERE stream_id = $1',
        [current.streamId],
      );
      throw new ConcurrencyError(current.streamId, current.expectedVersion, rows[0]?.v ?? 0);
    }
    throw error;
  } finally {
    client.release();
  }
};

const appendOne = async (
  client: PoolClient,
  request: AppendRequest,
  recordedAt: string,
): Promise<{ result: AppendResult; txid: bigint | null }> => {
  const { streamId } = request;
  const commandId = request.metadata.commandId ?? null;
  if (commandId) {
    const { rows } = await client.query<Row>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND command_id = $2 ORDER BY stream_version`,
      [streamId, commandId],
    );
    if (rows.length > 0) {
      const head = await readHead(client, streamId);
      return {
        result: { streamId, version: head.version, events: rows.map(toRecorded), duplicate: true },
        txid: null,
      };
    }
  }
  const head = await readHead(client, streamId);
  assertExpectedVersion(streamId, request.expectedVersion, head.version);
  const envelopes = buildEnvelopes(request, head, recordedAt);
  const { rows } = await client.query<{ global_position: string; transaction_id: string }>(INSERT, [
    JSON.stringify(envelopes),
  ]);
  const recorded = envelopes.map((e, i) => ({ ...e, globalPosition: Number(rows[i].global_position) }));
  return {
    result: { streamId, version: recorded.at(-1)!.streamVersion, events: recorded, duplicate: false },
    txid: BigInt(rows[0].transaction_id),
  };
};

const readHead = async (
  client: PoolClient,
  streamId: string,
): Promise<{ version: number; hash: string | null }> => {
  const { rows } = await client.query<{ stream_version: number; hash: string }>(
    'SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
    [streamId],
  );
  return { version: rows[0]?.stream_version ?? 0, hash: rows[0]?.hash ?? null };
};
