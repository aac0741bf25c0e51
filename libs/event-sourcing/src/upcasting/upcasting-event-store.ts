import type { RecordedEvent } from '../envelope';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  LogBatch,
  LogCheckpoint,
  ReadAllOptions,
  ReadStreamOptions,
  StoreKind,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { activeTraceparent, inSpan } from '../tracing';
import type { UpcasterRegistry } from './upcaster-registry';
import { upcasters as processUpcasters } from './upcaster-registry';

/** The event exactly as stored, for copying it to another store. */
const asStored = (event: RecordedEvent): RecordedEvent => {
  if (!event.storedAs) return event;
  const { storedAs, ...rest } = event;
  return { ...rest, schemaVersion: storedAs.schemaVersion, data: storedAs.data };
};

/**
 * Wraps any adapter: every read (readStream, readAll, subscriptions) returns events in their
 * current shape, and new events are written in their type's current schema version. Adapters stay
 * unaware of schema evolution.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    readonly inner: EventStore,
    private readonly registry: UpcasterRegistry = processUpcasters,
  ) {}

  get kind(): StoreKind {
    return this.inner.kind;
  }

  /** One span per append; the events keep its trace context so the relay's publish joins the trace. */
  append(request: AppendRequest): Promise<AppendResult> {
    return inSpan('eventstore.append', { attributes: this.appendAttributes([request]) }, async () => {
      const result = await this.inner.append(this.prepared(request, activeTraceparent()));
      return { ...result, events: result.events.map((e) => this.registry.upcast(e)) };
    });
  }

  appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    return inSpan('eventstore.append', { attributes: this.appendAttributes(requests) }, async () => {
      const traceparent = activeTraceparent();
      const results = await this.inner.appendMany(requests.map((r) => this.prepared(r, traceparent)));
      return results.map((result) => ({
        ...result,
        events: result.events.map((e) => this.registry.upcast(e)),
      }));
    });
  }

  private prepared(request: AppendRequest, traceparent: string | undefined): AppendRequest {
    return {
      ...request,
      metadata:
        traceparent && !request.metadata.traceparent
          ? { ...request.metadata, traceparent }
          : request.metadata,
      events: request.events.map((e) => ({
        ...e,
        schemaVersion: e.schemaVersion ?? this.registry.currentVersion(e.type),
      })),
    };
  }

  private appendAttributes(requests: readonly AppendRequest[]) {
    return {
      'hemotrace.store.kind': this.inner.kind,
      'hemotrace.stream.id': requests.map((r) => r.streamId).join(','),
      'hemotrace.events.count': requests.reduce((n, r) => n + r.events.length, 0),
    };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((e) => this.registry.upcast(e));
  }

  async readAll(after: LogCheckpoint, limit: number, options?: ReadAllOptions): Promise<LogBatch> {
    const batch = await this.inner.readAll(after, limit, options);
    return { ...batch, events: batch.events.map((e) => this.registry.upcast(e)) };
  }

  ownWritesReadable(timeoutMs: number): Promise<boolean> {
    return this.inner.ownWritesReadable?.(timeoutMs) ?? Promise.resolve(true);
  }

  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return this.inner.subscribe(
      after,
      (batch) => handler({ ...batch, events: batch.events.map((e) => this.registry.upcast(e)) }),
      options,
    );
  }

  importRecorded(events: RecordedEvent[]): Promise<void> {
    return this.inner.importRecorded(events.map(asStored));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export const withUpcasting = (store: EventStore, registry?: UpcasterRegistry): EventStore =>
  store instanceof UpcastingEventStore ? store : new UpcastingEventStore(store, registry);

/** The adapter under any upcasting wrapper, for code that needs the store's own connection. */
export const unwrapEventStore = (store: EventStore): EventStore =>
  store instanceof UpcastingEventStore ? unwrapEventStore(store.inner) : store;
