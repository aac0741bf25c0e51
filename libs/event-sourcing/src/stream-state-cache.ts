export interface CachedStreamState<State> {
  state: State;
  version: number;
  /** Command ids already applied to the stream, so a retry is recognised before deciding again. */
  commandIds: ReadonlySet<string>;
}

/**
 * Folded stream states of recently used streams, per decider, bounded (least recently used out).
 * Only a hint: appends still carry the cached version as their expected version, so a stale entry
 * can only cause a conflict, never a write decided on old facts.
 */
export class StreamStateCache {
  private readonly byDecider = new WeakMap<object, Map<string, CachedStreamState<unknown>>>();
  private size = 0;
  private readonly order = new Map<string, { decider: object; streamId: string }>();

  constructor(private readonly capacity = 10_000) {}

  get<State>(decider: object, streamId: string): CachedStreamState<State> | undefined {
    const entry = this.byDecider.get(decider)?.get(streamId) as CachedStreamState<State> | undefined;
    if (entry) this.touch(decider, streamId);
    return entry;
  }

  set<State>(decider: object, streamId: string, entry: CachedStreamState<State>): void {
    let streams = this.byDecider.get(decider);
    if (!streams) {
      streams = new Map();
      this.byDecider.set(decider, streams);
    }
    if (!streams.has(streamId)) this.size += 1;
    streams.set(streamId, entry);
    this.touch(decider, streamId);
    while (this.size > this.capacity) {
      const [oldestKey, oldest] = this.order.entries().next().value as [
        string,
        { decider: object; streamId: string },
      ];
      this.order.delete(oldestKey);
      if (this.byDecider.get(oldest.decider)?.delete(oldest.streamId)) this.size -= 1;
    }
  }

  delete(decider: object, streamId: string): void {
    if (this.byDecider.get(decider)?.delete(streamId)) this.size -= 1;
  }

  private touch(decider: object, streamId: string): void {
    const key = `${this.idOf(decider)}\u0000${streamId}`;
    this.order.delete(key);
    this.order.set(key, { decider, streamId });
  }

  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  private idOf(decider: object): number {
    let id = this.ids.get(decider);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(decider, id);
    }
    return id;
  }
}
