import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  Filter,
  KurrentDBClient,
  Position,
  ReadPosition,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { v5 as uuidV5 } from 'uuid';
import type { Actor } from '@hemotrace/kernel';
import type { RecordedEvent } from '../../envelope';
import {
  assertExpectedVersion,
  buildEnvelopes,
  validateAppend,
  refuseMixedDuplicates,
  validateAppendMany,
} from '../../append-support';
import { ConcurrencyError } from '../../errors';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  LogBatch,
  LogCheckpoint,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../../event-store.port';
import { LOG_START } from '../../event-store.port';

type Kurrent = typeof import('@kurrent/kurrentdb-client');

/** Everything of the envelope that KurrentDB does not hold natively travels in the event metadata. */
interface EnvelopeMetadata {
  eventId: string;
  schemaVersion: number;
  streamVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  commandId: string | null;
  prevHash: string;
  hash: string;
  traceparent?: string;
  $correlationId: string;
  $causationId?: string;
}

type Head = { version: number; hash: string | null };

const ENVELOPE_PROPERTY = 'hemotrace.envelope';

/** Events written one stream at a time carry the envelope as metadata; multi-stream ones as a JSON string. */
const envelopeOf = (metadata: unknown): EnvelopeMetadata | undefined => {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const packed = (metadata as Record<string, unknown>)[ENVELOPE_PROPERTY];
  if (typeof packed === 'string') return JSON.parse(packed) as EnvelopeMetadata;
  return metadata as EnvelopeMetadata;
};

/** Namespace of the deterministic event ids: a retried command produces the same ids, which the server deduplicates. */
const EVENT_ID_NAMESPACE = '6f1c4a52-37c1-4c8e-9a57-2d0f4b7a9e10';

export const commandEventId = (streamId: string, commandId: string, index: number): string =>
  uuidV5(`${streamId}\u0000${commandId}\u0000${index}`, EVENT_ID_NAMESPACE);

const toCheckpoint = (position: Position): LogCheckpoint => `${position.commit}:${position.prepare}`;

const fromCheckpoint = (checkpoint: LogCheckpoint): Position | null => {
  if (checkpoint === LOG_START) return null;
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new Error(`Not a KurrentDB log checkpoint: ${checkpoint}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
};

const samePosition = (a: Position | undefined, b: Position | null): boolean =>
  !!a && !!b && a.commit === b.commit && a.prepare === b.prepare;

export interface KurrentDbEventStoreOptions {
  /** Prefixed to every stream name (and filtered on in $all): isolates test runs on one server. */
  streamPrefix?: string;
  now?: () => Date;
}

/**
 * KurrentDB (EventStoreDB) event store. Expected versions become stream states (0-based
 * revisions); the hash chain and the envelope live in each event's metadata; the global log is
 * $all with a server-side filter, followed by catch-up subscriptions from a commit position.
 * Every append names the exact revision its hash chain was built on, so nothing can slip between.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb' as const;
  private readonly heads = new Map<string, Head>();
  private readonly prefix: string;
  private readonly now: () => Date;

  private constructor(
    private readonly kurrent: Kurrent,
    readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.prefix = options.streamPrefix ?? '';
    this.now = options.now ?? (() => new Date());
  }

  /** Loads the client library only when KurrentDB is chosen. */
  static async connect(
    connectionString: string,
    options: KurrentDbEventStoreOptions = {},
  ): Promise<KurrentDbEventStore> {
    const kurrent = await import('@kurrent/kurrentdb-client');
    return new KurrentDbEventStore(
      kurrent,
      kurrent.KurrentDBClient.connectionString(connectionString),
      options,
    );
  }

  private filter(): Filter {
    return this.prefix
      ? this.kurrent.streamNameFilter({ prefixes: [this.prefix] })
      : this.kurrent.excludeSystemEvents();
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
    const event = resolved.event;
    if (!event || !event.isJson) return null;
    const meta = envelopeOf(event.metadata);
    if (!meta?.hash || !event.streamId.startsWith(this.prefix)) return null;
    return {
      ...(meta.traceparent ? { traceparent: meta.traceparent } : {}),
      eventId: meta.eventId,
      type: event.type,
      schemaVersion: meta.schemaVersion,
      streamId: event.streamId.slice(this.prefix.length),
      streamVersion: meta.streamVersion,
      globalPosition: Number(event.position?.prepare ?? -1n),
      occurredAt: meta.occurredAt,
      recordedAt: meta.recordedAt,
      actor: meta.actor,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      commandId: meta.commandId,
      data: event.data,
      prevHash: meta.prevHash,
      hash: meta.hash,
    };
  }

  private toEventData(event: Omit<RecordedEvent, 'globalPosition'>) {
    const metadata: EnvelopeMetadata = {
      eventId: event.eventId,
      schemaVersion: event.schemaVersion,
      streamVersion: event.streamVersion,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId,
      commandId: event.commandId,
      prevHash: event.prevHash,
      hash: event.hash,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
      $correlationId: event.correlationId,
      ...(event.causationId ? { $causationId: event.causationId } : {}),
    };
    return this.kurrent.jsonEvent({
      id: event.eventId,
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: metadata as unknown as Record<string, unknown>,
    });
  }

  /** multiStreamAppend takes string-valued metadata only: the envelope travels as one JSON string. */
  private toMultiStreamEventData(event: Omit<RecordedEvent, 'globalPosition'>) {
    const { $correlationId, $causationId, ...envelope } = this.toEventData(event)
      .metadata as unknown as EnvelopeMetadata;
    return this.kurrent.jsonEvent({
      id: event.eventId,
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        $correlationId,
        ...($causationId ? { $causationId } : {}),
        [ENVELOPE_PROPERTY]: JSON.stringify(envelope),
      },
    });
  }

  private async readRange(
    streamId: string,
    fromVersion: number,
    maxCount?: number,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.prefix + streamId, {
        fromRevision: BigInt(fromVersion - 1),
        ...(maxCount ? { maxCount } : {}),
      })) {
        const recorded = this.toRecorded(resolved);
        if (recorded) events.push(recorded);
      }
    } catch (error) {
      if (!(error instanceof this.kurrent.StreamNotFoundError)) throw error;
    }
    return events;
  }

  private async lastEvent(streamId: string): Promise<Head> {
    try {
      for await (const resolved of this.client.readStream(this.prefix + streamId, {
        direction: this.kurrent.BACKWARDS,
        fromRevision: this.kurrent.END,
        maxCount: 1,
      })) {
        const recorded = this.toRecorded(resolved);
        if (recorded) return { version: recorded.streamVersion, hash: recorded.hash };
      }
    } catch (error) {
      if (!(error instanceof this.kurrent.StreamNotFoundError)) throw error;
    }
    return { version: 0, hash: null };
  }

  /** The head the append must chain to: for an expected version, the event at that version. */
  private async headFor(request: AppendRequest): Promise<Head> {
    const { streamId, expectedVersion } = request;
    if (expectedVersion === 'no_stream') return { version: 0, hash: null };
    const cached = this.heads.get(streamId);
    if (cached && (expectedVersion === 'any' || cached.version === expectedVersion)) return cached;
    if (expectedVersion === 'any') return this.lastEvent(streamId);
    const [atExpected] = await this.readRange(streamId, expectedVersion, 1);
    if (!atExpected) {
      const actual = (await this.lastEvent(streamId)).version;
      throw new ConcurrencyError(streamId, expectedVersion, actual);
    }
    return { version: atExpected.streamVersion, hash: atExpected.hash };
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppend(request);
    const { streamId, expectedVersion } = request;
    const commandId = request.metadata.commandId;
    if (commandId) {
      const earlier = (await this.readStream(streamId)).filter((e) => e.commandId === commandId);
      if (earlier.length > 0) {
        return { streamId, version: this.heads.get(streamId)!.version, events: earlier, duplicate: true };
      }
    }
    const withIds: AppendRequest = commandId
      ? {
          ...request,
          events: request.events.map((e, i) => ({
            ...e,
            eventId: e.eventId ?? commandEventId(streamId, commandId, i),
          })),
        }
      : request;
    for (let attempt = 0; attempt < 10; attempt++) {
      const head = await this.headFor(request);
      assertExpectedVersion(streamId, expectedVersion, head.version);
      const envelopes = buildEnvelopes(withIds, head, this.now().toISOString());
      const streamState: AppendStreamState =
        head.version === 0 ? this.kurrent.NO_STREAM : BigInt(head.version - 1);
      try {
        const result = await this.client.appendToStream(
          this.prefix + streamId,
          envelopes.map((e) => this.toEventData(e)),
          { streamState },
        );
        const version = Number(result.nextExpectedRevision) + 1;
        this.heads.set(streamId, { version, hash: envelopes.at(-1)!.hash });
        const position = Number(result.position?.prepare ?? -1n);
        return {
          streamId,
          version,
          events: envelopes.map((e) => ({ ...e, globalPosition: position })),
          duplicate: false,
        };
      } catch (error) {
        if (!(error instanceof this.kurrent.WrongExpectedVersionError)) throw error;
        this.heads.delete(streamId);
        if (expectedVersion !== 'any') {
          const actual = error.actualState === this.kurrent.NO_STREAM ? 0 : Number(error.actualState) + 1;
          throw new ConcurrencyError(streamId, expectedVersion, actual);
        }
      }
    }
    throw new ConcurrencyError(streamId, expectedVersion, -1);
  }

  /**
   * KurrentDB 25.1 and later: `multiStreamAppend`, atomic on the server. Against an older server
   * (UnsupportedError) the streams are appended one by one in the order given, the first being the
   * fact's reservation (the stream that holds its invariant): a crash between two appends leaves the
   * reservation with the commandId, and the retried command completes the rest (duplicates write
   * nothing). That fallback is not atomic for other readers in the meantime; the contract suite
   * states it (KURRENTDB_MULTI_STREAM_APPEND=unsupported).
   */
  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    validateAppendMany(requests);
    if (requests.length === 1 || this.multiStreamUnsupported) return this.appendInOrder(requests);
    const results: AppendResult[] = [];
    const pending: { index: number; head: Head; envelopes: Omit<RecordedEvent, 'globalPosition'>[] }[] = [];
    const recordedAt = this.now().toISOString();
    for (const [index, request] of requests.entries()) {
      const earlier = await this.eventsOfCommand(request);
      if (earlier.length > 0) {
        results.push(this.duplicateResult(request.streamId, earlier));
        continue;
      }
      const head = await this.headFor(request);
      assertExpectedVersion(request.streamId, request.expectedVersion, head.version);
      const envelopes = buildEnvelopes(this.withCommandEventIds(request), head, recordedAt);
      pending.push({ index, head, envelopes });
      results.push({ streamId: request.streamId, version: 0, events: [], duplicate: false });
    }
    refuseMixedDuplicates(
      requests,
      results.map((r, i) => ({ ...r, duplicate: !pending.some((p) => p.index === i) })),
    );
    if (pending.length === 0) return results;
    try {
      const written = await this.client.multiStreamAppend(
        pending.map(({ index, head, envelopes }) => ({
          streamName: this.prefix + requests[index].streamId,
          expectedState: head.version === 0 ? this.kurrent.NO_STREAM : BigInt(head.version - 1),
          events: envelopes.map((e) => this.toMultiStreamEventData(e)),
        })),
      );
      const position = Number(written.position);
      for (const { index, envelopes } of pending) {
        const last = envelopes.at(-1)!;
        this.heads.set(requests[index].streamId, { version: last.streamVersion, hash: last.hash });
        results[index] = {
          streamId: requests[index].streamId,
          version: last.streamVersion,
          events: envelopes.map((e) => ({ ...e, globalPosition: position })),
          duplicate: false,
        };
      }
      return results;
    } catch (error) {
      for (const request of requests) this.heads.delete(request.streamId);
      if (error instanceof this.kurrent.UnsupportedError) {
        this.multiStreamUnsupported = true;
        return this.appendInOrder(requests);
      }
      if (error instanceof this.kurrent.WrongExpectedVersionError) {
        const streamId = error.streamName?.slice(this.prefix.length) ?? requests[0].streamId;
        const request = requests.find((r) => r.streamId === streamId) ?? requests[0];
        throw new ConcurrencyError(
          streamId,
          request.expectedVersion,
          (await this.lastEvent(streamId)).version,
        );
      }
      throw error;
    }
  }

  private multiStreamUnsupported = false;

  private async appendInOrder(requests: AppendRequest[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const request of requests) results.push(await this.append(request));
    return results;
  }

  private async eventsOfCommand(request: AppendRequest): Promise<RecordedEvent[]> {
    const commandId = request.metadata.commandId;
    if (!commandId) return [];
    return (await this.readStream(request.streamId)).filter((e) => e.commandId === commandId);
  }

  private duplicateResult(streamId: string, earlier: RecordedEvent[]): AppendResult {
    return { streamId, version: this.heads.get(streamId)!.version, events: earlier, duplicate: true };
  }

  private withCommandEventIds(request: AppendRequest): AppendRequest {
    const commandId = request.metadata.commandId;
    if (!commandId) return request;
    return {
      ...request,
      events: request.events.map((e, i) => ({
        ...e,
        eventId: e.eventId ?? commandEventId(request.streamId, commandId, i),
      })),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = await this.readRange(streamId, 1);
    if (options.recordedUpTo) return events.filter((e) => e.recordedAt <= options.recordedUpTo!);
    const last = events.at(-1);
    this.heads.set(streamId, { version: last?.streamVersion ?? 0, hash: last?.hash ?? null });
    return events;
  }

  async readAll(after: LogCheckpoint, limit: number): Promise<LogBatch> {
    const from = fromCheckpoint(after);
    const events: RecordedEvent[] = [];
    let checkpoint = after;
    for await (const resolved of this.client.readAll({
      fromPosition: from ?? this.kurrent.START,
      maxCount: limit + 1,
      filter: this.filter(),
    })) {
      const position = resolved.event?.position;
      if (!position || samePosition(position, from)) continue;
      if (events.length === limit) break;
      const recorded = this.toRecorded(resolved);
      checkpoint = toCheckpoint(position);
      if (recorded) events.push(recorded);
    }
    return { events, checkpoint };
  }

  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    return new KurrentCatchUp(this.client, this.filter(), after, handler, options, (r) => this.toRecorded(r));
  }

  /** Appends copied events stream run by stream run, in the given order, keeping ids, times and hashes. */
  async importRecorded(events: RecordedEvent[]): Promise<void> {
    let i = 0;
    while (i < events.length) {
      const run = [events[i]];
      while (i + run.length < events.length && events[i + run.length].streamId === events[i].streamId) {
        run.push(events[i + run.length]);
      }
      const first = run[0];
      await this.client.appendToStream(
        this.prefix + first.streamId,
        run.map((e) => this.toEventData(e)),
        { streamState: first.streamVersion === 1 ? this.kurrent.NO_STREAM : BigInt(first.streamVersion - 2) },
      );
      this.heads.delete(first.streamId);
      i += run.length;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/**
 * A catch-up subscription to $all from a checkpoint; each event arrives as a batch of one, in
 * order. A failing handler (or a dropped connection) resubscribes from the last handled position.
 */
class KurrentCatchUp implements Subscription {
  private stopped = false;
  private current: { unsubscribe(): Promise<void> } | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly filter: Filter,
    private checkpoint: LogCheckpoint,
    private readonly handler: (batch: LogBatch) => Promise<void>,
    private readonly options: SubscribeOptions,
    private readonly convert: (resolved: AllStreamResolvedEvent) => RecordedEvent | null,
  ) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const from = fromCheckpoint(this.checkpoint);
        const fromPosition: ReadPosition = from ?? 'start';
        const subscription = this.client.subscribeToAll({ fromPosition, filter: this.filter });
        this.current = subscription;
        for await (const resolved of subscription) {
          if (this.stopped) break;
          const position = resolved.event?.position;
          if (!position || samePosition(position, from)) continue;
          const recorded = this.convert(resolved);
          const checkpoint = toCheckpoint(position);
          if (recorded) await this.handler({ events: [recorded], checkpoint });
          this.checkpoint = checkpoint;
          failures = 0;
        }
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        this.options.onError?.(error);
        await this.current?.unsubscribe().catch(() => undefined);
        const pause = Math.min((this.options.pollIntervalMs ?? 250) * 2 ** failures, 10_000);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe().catch(() => undefined);
    await this.done;
  }
}
