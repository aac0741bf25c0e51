import type {
  DocumentReader,
  DocumentWrite,
  DocumentWriter,
  Filter,
  FindOptions,
} from './read-model-store.port';
import { getMany, matchesFilter, sortAndPage } from './read-model-store.port';

/**
 * Buffers a projection's writes for one batch; reads see the buffer first (read-your-writes),
 * and the runner commits the writes together with the checkpoint.
 */
export class UnitOfWork implements DocumentWriter {
  private readonly buffer = new Map<string, Map<string, object | null>>();

  constructor(private readonly reader: DocumentReader) {}

  async get<T>(collection: string, id: string): Promise<T | null> {
    const pending = this.buffer.get(collection);
    if (pending?.has(id)) return (pending.get(id) as T | null) ?? null;
    return this.reader.get<T>(collection, id);
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    const pending = this.buffer.get(collection);
    const stored = await getMany<T>(
      this.reader,
      collection,
      pending ? ids.filter((id) => !pending.has(id)) : ids,
    );
    if (!pending) return stored;
    const found = new Map<string, T>();
    for (const id of ids) {
      const doc = pending.has(id) ? (pending.get(id) as T | null) : stored.get(id);
      if (doc !== null && doc !== undefined) found.set(id, doc);
    }
    return found;
  }

  async find<T>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    const pending = this.buffer.get(collection);
    if (!pending || pending.size === 0) return this.reader.find<T>(collection, filter, options);
    const stored = await this.reader.find<T & object>(collection, filter, { orderBy: options.orderBy });
    const storedIds = new Set<string>();
    const fromStore = stored.filter((doc) => {
      const id = (doc as { id?: string }).id;
      if (id !== undefined) storedIds.add(id);
      return id === undefined || !pending.has(id);
    });
    const fromBuffer = [...pending.values()].filter(
      (doc): doc is object => doc !== null && matchesFilter(doc, filter),
    );
    return sortAndPage([...fromStore, ...fromBuffer] as T[], options);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    return (await this.find(collection, filter)).length;
  }

  put<T extends object>(collection: string, id: string, doc: T): void {
    this.collection(collection).set(id, doc);
  }

  delete(collection: string, id: string): void {
    this.collection(collection).set(id, null);
  }

  writes(): DocumentWrite[] {
    const writes: DocumentWrite[] = [];
    for (const [collection, docs] of this.buffer) {
      for (const [id, doc] of docs) {
        writes.push(doc === null ? { op: 'delete', collection, id } : { op: 'put', collection, id, doc });
      }
    }
    return writes;
  }

  private collection(name: string): Map<string, object | null> {
    let docs = this.buffer.get(name);
    if (!docs) {
      docs = new Map();
      this.buffer.set(name, docs);
    }
    return docs;
  }
}
