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

  async append(request: AppendRequest): Promise<AppendResult> {
    const result = await this.inner.append({
      ...request,
      events: request.events.map((e) => ({
        ...e,
        schemaVersion: e.schemaVersion ?? this.registry.currentVersion(e.type),
      })),
    });
    return { ...result, events: result.events.map((e) => this.registry.upcast(e)) };
  }

  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    const results = await this.inner.appendMany(
      requests.map((request) => ({
        ...request,
        events: request.events.map((e) => ({
          ...e,
          schemaVersion: e.schemaVersion ?? this.registry.currentVersion(e.type),
        })),
      })),
    );
    return results.map((result) => ({
      ...result,
      events: result.events.map((e) => this.registry.upcast(e)),
    }));
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
