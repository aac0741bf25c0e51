import type Database from 'better-sqlite3';
import type { EventStore } from '@hemotrace/event-sourcing';
import { computeEventHash, GENESIS_HASH } from '@hemotrace/event-sourcing';
import type { PlannedEvent } from './demo-data.generator';

/** Planned events of one command (same stream, same command id, one after the other) are one append. */
const sameCommand = (a: PlannedEvent, b: PlannedEvent): boolean =>
  a.commandId !== undefined && a.commandId === b.commandId && a.streamId === b.streamId;

/**
 * The real write path: every planned event goes through EventStore.append (envelope, hash chain,
 * global position assigned by the store); the events of one reaction go in one append under its
 * command id, as the reactor appends them. For a SQLite store built with a clock that returns
 * `clock.at`, recordedAt follows the simulated timeline.
 */
export const appendPlannedEvents = async (
  store: EventStore,
  events: Iterable<PlannedEvent>,
  clock: { at: string },
  onProgress?: (count: number) => void,
): Promise<number> => {
  let count = 0;
  let pending: PlannedEvent[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const [first] = pending;
    clock.at = first.occurredAt;
    await store.append({
      streamId: first.streamId,
      events: pending.map((e) => ({
        type: e.type,
        data: e.data,
        eventId: e.eventId,
        occurredAt: e.occurredAt,
      })),
      expectedVersion: 'any',
      metadata: {
        actor: first.actor,
        correlationId: first.correlationId,
        causationId: first.causationId ?? null,
        commandId: first.commandId ?? null,
        occurredAt: first.occurredAt,
      },
    });
    count += pending.length;
    if (Math.floor(count / 1000) > Math.floor((count - pending.length) / 1000)) onProgress?.(count);
    pending = [];
  };
  for (const event of events) {
    if (pending.length > 0 && !sameCommand(pending[0], event)) await flush();
    pending.push(event);
  }
  await flush();
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
         @actor, @correlationId, @causationId, @commandId, @data, @prevHash, @hash)`,
    );
    this.head = db.prepare<[string], { stream_version: number; hash: string }>(
      'SELECT stream_version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
    );
  }

  write(event: PlannedEvent): void {
    const day = Math.floor(Date.parse(event.occurredAt) / 86_400_000);
    const known = this.heads.get(event.streamId) ?? this.stored(event.streamId);
    const fields = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: 1,
      streamId: event.streamId,
      streamVersion: (known?.version ?? 0) + 1,
      occurredAt: event.occurredAt,
      recordedAt: event.occurredAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId ?? null,
      commandId: event.commandId ?? null,
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
