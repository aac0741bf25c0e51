export interface CachedStreamState<State> {
  state: State;
  version: number;
  /**
   * Command ids already applied to the stream, so a retry is recognised before deciding again.
   * handleCommand adds to it in place as its commands are appended.
   */
  commandIds: Set<string>;
}

/** One cached stream, linked into the recency order (least recently used first). */
interface Slot {
  decider: object;
  streamId: string;
  entry: CachedStreamState<unknown>;
  older: Slot;
  newer: Slot;
}

/**
 * Folded stream states of recently used streams, per decider, bounded (least recently used out).
 * Only a hint: appends still carry the cached version as their expected version, so a stale entry
 * can only cause a conflict, never a write decided on old facts. Every command reads and writes an
 * entry, so the recency order is a linked list: a use moves its slot without hashing or allocating.
 */
export class StreamStateCache {
  private readonly byDecider = new WeakMap<object, Map<string, Slot>>();
  private size = 0;
  /** The list's sentinel: `newer` of it is the least recently used slot, `older` of it the most recent. */
  private readonly ends = { older: undefined, newer: undefined } as unknown as Slot;

  constructor(private readonly capacity = 10_000) {
    this.ends.older = this.ends;
    this.ends.newer = this.ends;
  }

  get<State>(decider: object, streamId: string): CachedStreamState<State> | undefined {
    const slot = this.byDecider.get(decider)?.get(streamId);
    if (!slot) return undefined;
    this.touch(slot);
    return slot.entry as CachedStreamState<State>;
  }

  set<State>(decider: object, streamId: string, entry: CachedStreamState<State>): void {
    let streams = this.byDecider.get(decider);
    if (!streams) {
      streams = new Map();
      this.byDecider.set(decider, streams);
    }
    const known = streams.get(streamId);
    if (known) {
      known.entry = entry;
      this.touch(known);
      return;
    }
    const slot = { decider, streamId, entry } as Slot;
    this.link(slot);
    streams.set(streamId, slot);
    this.size += 1;
    while (this.size > Math.max(0, this.capacity)) this.forget(this.ends.newer);
  }

  delete(decider: object, streamId: string): void {
    const slot = this.byDecider.get(decider)?.get(streamId);
    if (slot) this.forget(slot);
  }

  private forget(slot: Slot): void {
    this.unlink(slot);
    this.byDecider.get(slot.decider)!.delete(slot.streamId);
    this.size -= 1;
  }

  private touch(slot: Slot): void {
    if (this.ends.older === slot) return;
    this.unlink(slot);
    this.link(slot);
  }

  /** As the most recently used. */
  private link(slot: Slot): void {
    slot.older = this.ends.older;
    slot.newer = this.ends;
    this.ends.older.newer = slot;
    this.ends.older = slot;
  }

  private unlink(slot: Slot): void {
    slot.older.newer = slot.newer;
    slot.newer.older = slot.older;
  }
}
