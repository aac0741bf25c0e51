import type { LogCheckpoint } from '../event-store.port';
import type { ProjectionRunner } from '../projection-runner';
import type {
  DocumentWrite,
  Filter,
  FindOptions,
  ProjectionCommit,
  ReadModelStore,
} from './read-model-store.port';
import { getMany } from './read-model-store.port';

/**
 * The read models as queries see them: a read first waits until the projections have handled what
 * this process appended (and, when the caller names one, the log up to a global position), so a
 * command's reply never waits for projections and the query that follows still sees its writes.
 * Writes and checkpoints pass straight through.
 */
export class ReadYourWritesReadModels implements ReadModelStore {
  constructor(
    private readonly inner: ReadModelStore,
    private readonly runner: Pick<ProjectionRunner, 'settled' | 'reached'>,
    private readonly minPosition: () => number | undefined = () => undefined,
  ) {}

  private async ready(): Promise<void> {
    await this.runner.settled();
    const position = this.minPosition();
    if (position !== undefined) await this.runner.reached(position);
  }

  async get<T>(collection: string, id: string): Promise<T | null> {
    await this.ready();
    return this.inner.get<T>(collection, id);
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    await this.ready();
    return getMany<T>(this.inner, collection, ids);
  }

  async find<T>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]> {
    await this.ready();
    return this.inner.find<T>(collection, filter, options);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    await this.ready();
    return this.inner.count(collection, filter);
  }

  ensureIndex(collection: string, fields: string[]): Promise<void> {
    return this.inner.ensureIndex(collection, fields);
  }

  getCheckpoint(projection: string): Promise<LogCheckpoint> {
    return this.inner.getCheckpoint(projection);
  }

  commit(projection: string, checkpoint: LogCheckpoint, writes: DocumentWrite[]): Promise<void> {
    return this.inner.commit(projection, checkpoint, writes);
  }

  async commitAll(commits: ProjectionCommit[]): Promise<void> {
    if (this.inner.commitAll) return this.inner.commitAll(commits);
    for (const { projection, checkpoint, writes } of commits)
      await this.inner.commit(projection, checkpoint, writes);
  }

  reset(projection: string, collections: string[]): Promise<void> {
    return this.inner.reset(projection, collections);
  }
}
