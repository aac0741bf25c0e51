import type { EventStore, LogCheckpoint } from './event-store.port';
import { LOG_START } from './event-store.port';
import type { Projection, Reactor } from './projection';
import type { ReadModelStore } from './read-models/read-model-store.port';
import { UnitOfWork } from './read-models/unit-of-work';

export interface RunnerOptions {
  batchSize?: number;
  /** Rebuilds replay history in larger batches: fewer commits, more documents reused within a batch. */
  rebuildBatchSize?: number;
  pollIntervalMs?: number;
  onError?: (processor: string, error: unknown) => void;
}

interface Processor {
  name: string;
  handles?: ReadonlySet<string>;
  /** The event types it reads, so the store can leave the others out of its batches. */
  types?: readonly string[];
  /** Handles one batch and moves the checkpoint, atomically where the store allows. */
  process(events: Parameters<Projection['apply']>[0][], checkpoint: LogCheckpoint): Promise<void>;
  checkpoint(): Promise<LogCheckpoint>;
  reset(): Promise<void>;
  ensureIndexes(): Promise<void>;
}

/**
 * Drives projections and reactors over the global log: each from its own stored checkpoint, batch
 * by batch, restartable, and rebuildable from position 0. One drain at a time per processor.
 */
export class ProjectionRunner {
  private readonly processors: Processor[] = [];
  private readonly draining = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly options: RunnerOptions = {},
  ) {}

  addProjection(projection: Projection): void {
    const handles = projection.handles ? new Set(projection.handles) : undefined;
    this.processors.push({
      name: projection.name,
      handles,
      types: projection.handles,
      process: async (events, checkpoint) => {
        const tx = new UnitOfWork(this.readModels);
        for (const event of events) {
          if (!handles || handles.has(event.type)) await projection.apply(event, tx);
        }
        await this.readModels.commit(projection.name, checkpoint, tx.writes());
      },
      checkpoint: () => this.readModels.getCheckpoint(projection.name),
      reset: () => this.readModels.reset(projection.name, [...projection.collections]),
      ensureIndexes: async () => {
        for (const [collection, indexes] of Object.entries(projection.indexes ?? {})) {
          for (const fields of indexes) await this.readModels.ensureIndex(collection, [...fields]);
        }
      },
    });
  }

  addReactor(reactor: Reactor): void {
    const handles = new Set(reactor.handles);
    const name = `reactor:${reactor.name}`;
    this.processors.push({
      name,
      handles,
      types: reactor.handles,
      process: async (events, checkpoint) => {
        for (const event of events) {
          if (handles.has(event.type)) await reactor.react(event);
        }
        await this.readModels.commit(name, checkpoint, []);
      },
      checkpoint: () => this.readModels.getCheckpoint(name),
      reset: () => this.readModels.reset(name, []),
      ensureIndexes: async () => undefined,
    });
  }

  get names(): string[] {
    return this.processors.map((p) => p.name);
  }

  async start(): Promise<void> {
    for (const projection of this.processors) await this.ensureIndexes(projection);
    this.running = true;
    this.poke();
    this.timer = setInterval(() => this.poke(), this.options.pollIntervalMs ?? 200);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.draining.values()]);
  }

  /** Wakes every processor; called after appends in this process. */
  poke(): void {
    for (const processor of this.processors) void this.drain(processor).catch(() => undefined);
  }

  /** Resolves when every processor (or the named ones) has handled everything in the log so far. */
  async catchUp(names?: string[]): Promise<void> {
    const selected = this.processors.filter((p) => !names || names.includes(p.name));
    for (const processor of selected) await this.drain(processor, true);
  }

  /** Clears a projection and replays the whole log into it. */
  async rebuild(name: string, onProgress?: (events: number) => void): Promise<number> {
    const processor = this.processors.find((p) => p.name === name);
    if (!processor) throw new Error(`Unknown projection ${name}`);
    await this.draining.get(name)?.catch(() => undefined);
    const run = (async () => {
      await processor.reset();
      await processor.ensureIndexes();
      return this.drainFrom(processor, LOG_START, onProgress, this.options.rebuildBatchSize ?? 10_000);
    })();
    this.draining.set(
      name,
      run.then(
        () => undefined,
        () => undefined,
      ),
    );
    try {
      return await run;
    } finally {
      this.draining.delete(name);
    }
  }

  /** Every start: indexes are idempotent to create, and a store from an older version may lack some. */
  private async ensureIndexes(processor: Processor): Promise<void> {
    if ((await processor.checkpoint()) === LOG_START) await processor.reset();
    await processor.ensureIndexes();
  }

  private drain(processor: Processor, wait = false): Promise<void> {
    const current = this.draining.get(processor.name);
    if (current) {
      this.again.add(processor.name);
      return wait ? current.then(() => this.drain(processor, true)) : current;
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(processor.name);
          await this.drainFrom(processor, await processor.checkpoint());
        } while (this.again.has(processor.name));
      } catch (error) {
        this.options.onError?.(processor.name, error);
        throw error;
      } finally {
        this.draining.delete(processor.name);
      }
    })();
    this.draining.set(processor.name, run);
    return run;
  }

  private async drainFrom(
    processor: Processor,
    from: LogCheckpoint,
    onProgress?: (events: number) => void,
    batchSize = this.options.batchSize ?? 1000,
  ): Promise<number> {
    let checkpoint = from;
    let total = 0;
    for (;;) {
      const batch = await this.store.readAll(checkpoint, batchSize, { types: processor.types });
      if (batch.checkpoint === checkpoint) return total;
      await processor.process(batch.events, batch.checkpoint);
      checkpoint = batch.checkpoint;
      total += batch.events.length;
      if (batch.events.length === 0) return total;
      onProgress?.(total);
      if (!this.running && !onProgress && batch.events.length < batchSize) return total;
      /* A synchronous store (better-sqlite3) never yields on its own: let HTTP probes answer between batches. */
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
