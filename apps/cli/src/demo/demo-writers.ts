import type Database from 'better-sqlite3';
import type { EventStore } from '@hemotrace/event-sourcing';
import { computeEventHash, GENESIS_HASH } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import type { PlannedEvent } from './demo-data.generator';

/**
 * The real write path: every planned event goes through EventStore.append (envelope, hash chain,
 * global position assigned by the store). For a SQLite store built with a clock that returns
 * `clock.at`, recordedAt follows the simulated timeline.
 */
export const appendPlannedEvents = async (
  store: EventStore,
  events: Iterable<PlannedEvent>,
  clock: { at: string },
  onProgress?: (count: number) => void,
): Promise<number> => {
  let count = 0;
  for (const event of events) {
    clock.at = event.occurredAt;
    await store.append({
      streamId: event.streamId,
      events: [{ type: event.type, data: event.data }],
      expectedVersion: 'any',
      metadata: { actor: event.actor, correlationId: event.correlationId, occurredAt: event.occurredAt },
    });
    count += 1;
    if (count % 1000 === 0) onProgress?.(count);
  }
  onProgress?.(count);
  return count;
};

interface Head {
  version: number;
  hash: string;
  day: number;
}

/**
 * Fast path for benchmarks: builds the same envelopes and hash chains as the store would, and
 * inserts them with batched raw INSERTs into the SQLite `events` table (created beforehand by
 * SqliteEventStore). recordedAt = occurredAt. Stream heads stay in memory only while recent; an
 * older stream's head is read back from the table.
 */
export class RawSqliteEventWriter {
  private readonly heads = new Map<string, Head>();
  private readonly insert;
  private readonly head;
  private batch: Record<string, unknown>[] = [];
  private lastEvictionDay = 0;
  written = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly batchSize = 20_000,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
         actor, correlation_id, causation_id, command_id, data, prev_hash, hash)
       VALUES (@eventId, @streamId, @streamVersion, @type, @schemaVersion, @occurredAt, @recordedAt,
         @actor, @correlationId, NULL, NULL, @data, @prevHash, @hash)`,
    );
    this.head = db.prepare<[string], { stream_version: number; hash: string }>(
      'SELECT stream_version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
    );
  }

  write(event: PlannedEvent): void {
    const day = Math.floor(Date.parse(event.occurredAt) / 86_400_000);
    const known = this.heads.get(event.streamId) ?? this.stored(event.streamId);
    const fields = {
      eventId: newId(),
      type: event.type,
      schemaVersion: 1,
      streamId: event.streamId,
      streamVersion: (known?.version ?? 0) + 1,
      occurredAt: event.occurredAt,
      recordedAt: event.occurredAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: null,
      commandId: null,
      data: event.data,
    };
    const prevHash = known?.hash ?? GENESIS_HASH;
    const hash = computeEventHash(prevHash, fields);
    this.heads.set(event.streamId, { version: fields.streamVersion, hash, day });
    this.batch.push({
      ...fields,
      actor: JSON.stringify(fields.actor),
      data: JSON.stringify(fields.data),
      prevHash,
      hash,
    });
    if (this.batch.length >= this.batchSize) this.flush(day);
  }

  flush(today = Number.MAX_SAFE_INTEGER): void {
    const rows = this.batch;
    this.batch = [];
    this.db.transaction(() => {
      for (const row of rows) this.insert.run(row);
    })();
    this.written += rows.length;
    if (today !== Number.MAX_SAFE_INTEGER && today - this.lastEvictionDay >= 7) {
      for (const [stream, head] of this.heads) if (head.day < today - 7) this.heads.delete(stream);
      this.lastEvictionDay = today;
    }
  }

  private stored(streamId: string): Head | undefined {
    const row = this.head.get(streamId);
    return row ? { version: row.stream_version, hash: row.hash, day: 0 } : undefined;
  }
}
