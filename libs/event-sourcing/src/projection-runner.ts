import type { RecordedEvent } from './envelope';
import type { EventStore, LogCheckpoint } from './event-store.port';
import { LOG_START } from './event-store.port';
import type { Projection, Reactor } from './projection';
import type {
  DocumentWrite,
  DocumentWriter,
  ProjectionCommit,
  ReadModelStore,
} from './read-models/read-model-store.port';
import { PutIds, RebuildWindow } from './read-models/rebuild-window';
import { UnitOfWork } from './read-models/unit-of-work';

export interface RunnerOptions {
  batchSize?: number;
  /** Rebuilds replay history in larger batches: fewer commits, more documents reused within a batch. */
  rebuildBatchSize?: number;
  /**
   * During a rebuild a projection's writes stay in memory across batches until it has made this
   * many puts, then commit with its checkpoint: a document written again soon (a unit's next
   * status, a stream's next head) is then read from memory and stored once. Bounds the memory.
   */
  rebuildWindowPuts?: number;
  pollIntervalMs?: number;
  /**
   * A processor that saw none of its event types moves on in memory only; its checkpoint is written
   * at most this often (and at stop), so a restart does not re-read the whole log for it.
   */
  idleCheckpointMs?: number;
  onError?: (processor: string, error: unknown) => void;
}

interface Processor {
  name: string;
  handles?: ReadonlySet<string>;
  /** The event types it reads, so the store can leave the others out of its batches. */
  types?: readonly string[];
  /** Handles one batch and moves the checkpoint, atomically where the store allows. */
  process(events: RecordedEvent[], checkpoint: LogCheckpoint): Promise<void>;
  /** A projection's document writes for a batch, committed with the others of the same read. */
  prepare?(events: RecordedEvent[]): Promise<DocumentWrite[]>;
  /** A projection's fold of a batch into a unit of work the caller commits (a rebuild's window). */
  applyAll?(events: RecordedEvent[], tx: DocumentWriter): Promise<void>;
  /** The collections it owns, emptied by reset. */
  collections?: readonly string[];
  checkpoint(): Promise<LogCheckpoint>;
  saveCheckpoint(checkpoint: LogCheckpoint): Promise<void>;
  reset(): Promise<void>;
  ensureIndexes(): Promise<void>;
  /** Where it stands in memory; null until read from the store. */
  position: LogCheckpoint | null;
  /** The position stored with its read model, when known. */
  saved: LogCheckpoint | null;
  savedAt: number;
  rebuilding: boolean;
}

interface Waiter {
  /** The first pass number that covers this request: one that starts after it was made. */
  pass: number;
  names: ReadonlySet<string> | null;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Processors that are drained together: one read of the log per batch, handed out by type.
 * Projections and reactors are separate lanes, since a reactor may wait for projections.
 */
interface Lane {
  processors: Processor[];
  running: Promise<void> | null;
  again: boolean;
  /** Something was appended in this process since the current pass started. */
  dirty: boolean;
  passes: number;
  waiters: Waiter[];
  /** Every processor of the lane has handled the log up to this global position. */
  covered: number;
}

const REACTOR_PREFIX = 'reactor:';

const union = (group: Processor[]): readonly string[] | undefined => {
  const types = new Set<string>();
  for (const processor of group) {
    if (!processor.types) return undefined;
    for (const type of processor.types) types.add(type);
  }
  return [...types];
};

/**
 * Drives projections and reactors over the global log: each from its own stored checkpoint,
 * restartable, and rebuildable from position 0. Processors standing at the same checkpoint share
 * one read per batch; each gets the events of its types, and one that got none writes nothing.
 */
export class ProjectionRunner {
  private readonly processors: Processor[] = [];
  private readonly projections = this.newLane();
  private readonly reactors = this.newLane();
  private timer: NodeJS.Timeout | null = null;
  /** The highest global position appended in this process that the runner was told about. */
  private appended = 0;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly options: RunnerOptions = {},
  ) {}

  addProjection(projection: Projection): void {
    const handles = projection.handles ? new Set(projection.handles) : undefined;
    this.add({
      name: projection.name,
      handles,
      types: projection.handles,
      process: async (events, checkpoint) => {
        const tx = new UnitOfWork(this.readModels);
        for (const event of events) await projection.apply(event, tx);
        await this.readModels.commit(projection.name, checkpoint, tx.writes());
      },
      prepare: async (events) => {
        const tx = new UnitOfWork(this.readModels);
        for (const event of events) await projection.apply(event, tx);
        return tx.writes();
      },
      collections: projection.collections,
      applyAll: async (events, tx) => {
        for (const event of events) await projection.apply(event, tx);
      },
      reset: () => this.readModels.reset(projection.name, [...projection.collections]),
      ensureIndexes: async () => {
        for (const [collection, indexes] of Object.entries(projection.indexes ?? {})) {
          for (const fields of indexes) await this.readModels.ensureIndex(collection, [...fields]);
        }
      },
    });
  }

  addReactor(reactor: Reactor): void {
    const name = `${REACTOR_PREFIX}${reactor.name}`;
    this.add({
      name,
      handles: new Set(reactor.handles),
      types: reactor.handles,
      process: async (events, checkpoint) => {
        for (const event of events) await reactor.react(event);
        await this.readModels.commit(name, checkpoint, []);
      },
      reset: () => this.readModels.reset(name, []),
      ensureIndexes: async () => undefined,
    });
  }

  get names(): string[] {
    return this.processors.map((p) => p.name);
  }

  async start(): Promise<void> {
    for (const processor of this.processors) await this.ensureIndexes(processor);
    this.poke();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 200);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([this.projections.running, this.reactors.running]);
    for (const processor of this.processors) {
      if (processor.position !== null && processor.position !== processor.saved && !processor.rebuilding)
        await this.save(processor, processor.position).catch(() => undefined);
    }
  }

  /** Wakes every processor; called after appends in this process, with the last position written when known. */
  poke(position?: number): void {
    if (position !== undefined && position > this.appended) this.appended = position;
    for (const lane of [this.projections, this.reactors]) {
      lane.dirty = true;
      this.drain(lane);
    }
  }

  /** Resolves when every processor (or the named ones) has handled everything in the log so far. */
  async catchUp(names?: string[]): Promise<void> {
    const wanted = names ? new Set(names) : null;
    const lanes = [this.projections, this.reactors].filter(
      (lane) => !wanted || lane.processors.some((p) => wanted.has(p.name)),
    );
    await Promise.all(lanes.map((lane) => this.request(lane, wanted)));
  }

  /**
   * Resolves once the projections have handled what this process appended before the call (at
   * once when nothing is pending): what a query waits for to read its own writes. Never rejects:
   * a failing projection is reported through onError and its readers see it lag.
   */
  async settled(): Promise<void> {
    const lane = this.projections;
    /* Only this process's own writes are waited for: a start-up catch-up in the background is not (readiness reports it). */
    if (this.appended === 0 || lane.covered >= this.appended) return;
    await this.request(lane, null).catch(() => undefined);
  }

  /**
   * Resolves once the projections have handled the log up to a global position (a write's
   * position from another request or process), or after the timeout, whichever comes first.
   */
  async reached(position: number, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const lane = this.projections;
    while (lane.covered < position) {
      await this.request(lane, null).catch(() => undefined);
      if (lane.covered >= position) break;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, deadline - Date.now())));
    }
    return true;
  }

  /** Clears a projection and replays the whole log into it. */
  async rebuild(name: string, onProgress?: (events: number) => void): Promise<number> {
    return this.rebuildAll([name], onProgress);
  }

  /**
   * Clears several projections and replays the whole log into them in one pass: each batch is read
   * once (the union of their types) and handed to each by type, and their writes commit together.
   */
  async rebuildAll(names: string[], onProgress?: (events: number) => void): Promise<number> {
    const group = names.map((name) => {
      const processor = this.processors.find((p) => p.name === name);
      if (!processor) throw new Error(`Unknown projection ${name}`);
      return processor;
    });
    if (group.length === 0) return 0;
    for (const processor of group) processor.rebuilding = true;
    try {
      for (const lane of new Set(group.map((p) => this.laneOf(p))))
        await lane.running?.catch(() => undefined);
      for (const processor of group) {
        await processor.reset();
        processor.saved = null;
        await processor.ensureIndexes();
      }
      const { total, checkpoint } = await this.replayInWindows(group, onProgress);
      for (const processor of group) {
        processor.position = checkpoint;
        processor.saved = checkpoint;
      }
      return total;
    } finally {
      for (const processor of group) processor.rebuilding = false;
    }
  }

  private newLane(): Lane {
    return { processors: [], running: null, again: false, dirty: false, passes: 0, waiters: [], covered: 0 };
  }

  private add(
    processor: Omit<
      Processor,
      'position' | 'saved' | 'savedAt' | 'rebuilding' | 'checkpoint' | 'saveCheckpoint'
    >,
  ): void {
    const full: Processor = {
      ...processor,
      checkpoint: () => this.readModels.getCheckpoint(processor.name),
      saveCheckpoint: (checkpoint) => this.readModels.commit(processor.name, checkpoint, []),
      position: null,
      saved: null,
      savedAt: 0,
      rebuilding: false,
    };
    this.processors.push(full);
    this.laneOf(full).processors.push(full);
  }

  private laneOf(processor: Processor): Lane {
    return processor.name.startsWith(REACTOR_PREFIX) ? this.reactors : this.projections;
  }

  private wake(): void {
    this.drain(this.projections);
    this.drain(this.reactors);
  }

  /** Every start: indexes are idempotent to create, and a store from an older version may lack some. */
  private async ensureIndexes(processor: Processor): Promise<void> {
    if ((await processor.checkpoint()) === LOG_START) await processor.reset();
    await processor.ensureIndexes();
  }

  private request(lane: Lane, names: ReadonlySet<string> | null): Promise<void> {
    const done = new Promise<void>((resolve, reject) =>
      lane.waiters.push({ pass: lane.passes + 1, names, resolve, reject }),
    );
    this.drain(lane);
    return done;
  }

  private drain(lane: Lane): void {
    if (lane.processors.length === 0) {
      for (const waiter of lane.waiters.splice(0)) waiter.resolve();
      lane.dirty = false;
      return;
    }
    if (lane.running) {
      lane.again = true;
      return;
    }
    lane.running = (async () => {
      /* One turn of the event loop first: appends of concurrent requests then share one pass. */
      await new Promise((resolve) => setImmediate(resolve));
      try {
        do {
          lane.again = false;
          lane.dirty = false;
          const pass = ++lane.passes;
          const head = this.appended;
          const failures = await this.pass(lane).catch((error: unknown) => {
            const all = new Map<string, unknown>();
            for (const processor of lane.processors) all.set(processor.name, error);
            return all;
          });
          if (failures.size === 0 && head > lane.covered) lane.covered = head;
          this.settle(lane, pass, failures);
        } while (lane.again || lane.waiters.length > 0);
      } finally {
        lane.running = null;
      }
    })();
  }

  private settle(lane: Lane, pass: number, failures: Map<string, unknown>): void {
    lane.waiters = lane.waiters.filter((waiter) => {
      if (waiter.pass > pass) return true;
      const failed = [...failures].find(([name]) => !waiter.names || waiter.names.has(name));
      if (failed) waiter.reject(failed[1]);
      else waiter.resolve();
      return false;
    });
  }

  /**
   * Drains the lane to the end of the log as it stands. Processors at the same checkpoint read
   * together; a failing one stays where it was (and is retried on the next pass) without holding
   * the others back.
   */
  private async pass(lane: Lane): Promise<Map<string, unknown>> {
    const batchSize = this.options.batchSize ?? 1000;
    const failures = new Map<string, unknown>();
    const active = lane.processors.filter((p) => !p.rebuilding);
    for (const processor of active) {
      if (processor.position === null) {
        processor.position = await processor.checkpoint();
        processor.saved = processor.position;
        processor.savedAt = Date.now();
      }
    }
    const finished = new Set<Processor>();
    let highest = 0;
    for (let round = 0; ; round += 1) {
      /* Between full batches, one turn of the event loop: the SQLite store answers synchronously,
         so a catch-up over a long log would otherwise keep HTTP (health, readiness) from being
         served until it ends. */
      if (round > 0) await new Promise((resolve) => setImmediate(resolve));
      const groups = new Map<LogCheckpoint, Processor[]>();
      for (const processor of active) {
        if (finished.has(processor) || failures.has(processor.name) || processor.rebuilding) continue;
        const at = processor.position!;
        const group = groups.get(at);
        if (group) group.push(processor);
        else groups.set(at, [processor]);
      }
      if (groups.size === 0) break;
      for (const [from, group] of groups) {
        const batch = await this.store.readAll(from, batchSize, { types: union(group) });
        for (const event of batch.events) if (event.globalPosition > highest) highest = event.globalPosition;
        const commits: Processor[] = [];
        const writes: ProjectionCommit[] = [];
        const fail = (processor: Processor, error: unknown) => {
          failures.set(processor.name, error);
          this.options.onError?.(processor.name, error);
        };
        for (const processor of group) {
          if (batch.checkpoint === from) {
            finished.add(processor);
            continue;
          }
          if (batch.events.length < batchSize) finished.add(processor);
          const events = processor.handles
            ? batch.events.filter((e) => processor.handles!.has(e.type))
            : batch.events;
          const idleTooLong = Date.now() - processor.savedAt >= (this.options.idleCheckpointMs ?? 10_000);
          try {
            if (events.length > 0 && processor.prepare) {
              writes.push({
                projection: processor.name,
                checkpoint: batch.checkpoint,
                writes: await processor.prepare(events),
              });
              commits.push(processor);
              continue;
            }
            if (events.length > 0) await this.processBatch(processor, events, batch.checkpoint);
            else if (idleTooLong) {
              writes.push({ projection: processor.name, checkpoint: batch.checkpoint, writes: [] });
              commits.push(processor);
              continue;
            }
            processor.position = batch.checkpoint;
          } catch (error) {
            fail(processor, error);
          }
        }
        if (commits.length > 0) {
          try {
            await this.commitAll(writes);
            const at = Date.now();
            for (const processor of commits) {
              processor.position = batch.checkpoint;
              processor.saved = batch.checkpoint;
              processor.savedAt = at;
            }
          } catch (error) {
            for (const processor of commits) fail(processor, error);
          }
        }
      }
    }
    if (failures.size === 0 && highest > lane.covered) lane.covered = highest;
    return failures;
  }

  private async processBatch(processor: Processor, events: RecordedEvent[], checkpoint: LogCheckpoint) {
    await processor.process(events, checkpoint);
    processor.saved = checkpoint;
    processor.savedAt = Date.now();
  }

  private async commitAll(commits: ProjectionCommit[]): Promise<void> {
    if (this.readModels.commitAll) return this.readModels.commitAll(commits);
    for (const { projection, checkpoint, writes } of commits)
      await this.readModels.commit(projection, checkpoint, writes);
  }

  private async save(processor: Processor, checkpoint: LogCheckpoint): Promise<void> {
    await processor.saveCheckpoint(checkpoint);
    processor.saved = checkpoint;
    processor.savedAt = Date.now();
  }

  /**
   * Replays the whole log into the group, read once per batch (the union of their types). Each
   * projection's writes stay in its window across batches and commit with its checkpoint when the
   * window is due, then all at the end; a crash in between resumes from the last commit.
   */
  private async replayInWindows(
    group: Processor[],
    onProgress: ((events: number) => void) | undefined,
  ): Promise<{ total: number; checkpoint: LogCheckpoint }> {
    const batchSize = this.options.rebuildBatchSize ?? 10_000;
    const limit = this.options.rebuildWindowPuts ?? 50_000;
    const types = union(group);
    const windows = new Map<Processor, RebuildWindow>();
    const emptied = new Set(group.flatMap((processor) => processor.collections ?? []));
    const putIds = new PutIds();
    const windowOf = (processor: Processor): RebuildWindow => {
      let window = windows.get(processor);
      if (!window) {
        window = new RebuildWindow(this.readModels, emptied, putIds);
        windows.set(processor, window);
      }
      return window;
    };
    const commitWindows = async (due: Processor[], checkpoint: LogCheckpoint) => {
      const commits = due.map((processor) => ({
        projection: processor.name,
        checkpoint,
        writes: windows.get(processor)?.writes() ?? [],
      }));
      for (const processor of due) windows.delete(processor);
      if (commits.length > 0) await this.commitAll(commits);
    };
    let checkpoint = LOG_START;
    let total = 0;
    for (;;) {
      const batch = await this.store.readAll(checkpoint, batchSize, { types });
      if (batch.checkpoint === checkpoint) break;
      const due: Processor[] = [];
      for (const processor of group) {
        const events = this.eventsFor(processor, batch.events);
        if (!processor.applyAll) {
          await processor.process(events, batch.checkpoint);
          continue;
        }
        const window = windowOf(processor);
        await processor.applyAll(events, window);
        if (window.due(limit)) due.push(processor);
      }
      await commitWindows(due, batch.checkpoint);
      checkpoint = batch.checkpoint;
      total += batch.events.length;
      if (batch.events.length === 0) break;
      onProgress?.(total);
      if (!onProgress && batch.events.length < batchSize) break;
      /* A synchronous store (better-sqlite3) never yields on its own: let HTTP probes answer between batches. */
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await commitWindows([...windows.keys()], checkpoint);
    return { total, checkpoint };
  }

  private eventsFor(processor: Processor, events: RecordedEvent[]): RecordedEvent[] {
    return processor.handles ? events.filter((e) => processor.handles!.has(e.type)) : events;
  }
}
