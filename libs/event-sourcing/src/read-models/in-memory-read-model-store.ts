import type { LogCheckpoint } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import type { DocumentWrite, Filter, FindOptions, ReadModelStore } from './read-model-store.port';
import { matchesFilter, sortAndPage } from './read-model-store.port';

export class InMemoryReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, Map<string, object>>();
  private readonly checkpoints = new Map<string, LogCheckpoint>();

  async get<T>(collection: string, id: string): Promise<T | null> {
    const doc = this.collections.get(collection)?.get(id);
    return doc ? (structuredClone(doc) as T) : null;
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    const docs = this.collections.get(collection);
    const found = new Map<string, T>();
    for (const id of ids) {
      const doc = docs?.get(id);
      if (doc) found.set(id, structuredClone(doc) as T);
    }
    return found;
  }

  async find<T>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    const docs = [...(this.collections.get(collection)?.values() ?? [])].filter((doc) =>
      matchesFilter(doc, filter),
    );
    return sortAndPage(docs, options).map((doc) => structuredClone(doc) as T);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    return (await this.find(collection, filter)).length;
  }

  async ensureIndex(): Promise<void> {}

  async getCheckpoint(projection: string): Promise<LogCheckpoint> {
    return this.checkpoints.get(projection) ?? LOG_START;
  }

  async commit(projection: string, checkpoint: LogCheckpoint, writes: DocumentWrite[]): Promise<void> {
    for (const write of writes) {
      const docs = this.collections.get(write.collection) ?? new Map<string, object>();
      this.collections.set(write.collection, docs);
      if (write.op === 'put') docs.set(write.id, structuredClone(write.doc));
      else docs.delete(write.id);
    }
    this.checkpoints.set(projection, checkpoint);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    for (const name of collections) this.collections.delete(name);
    this.checkpoints.delete(projection);
  }
}
