import type { LogCheckpoint } from '../event-store.port';

export type Scalar = string | number | boolean | null;

export interface Range {
  $lt?: Scalar;
  $lte?: Scalar;
  $gt?: Scalar;
  $gte?: Scalar;
  $in?: Scalar[];
  $ne?: Scalar;
}

/** Equality or a range per field; a field may be a dotted path (`group.abo`). Fields are ANDed. */
export type Filter = Record<string, Scalar | Range>;

export interface FindOptions {
  limit?: number;
  offset?: number;
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
}

export interface DocumentReader {
  get<T>(collection: string, id: string): Promise<T | null>;
  find<T>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  /** Several documents of one collection by id in one query, where the store can; absent ids are left out. */
  getMany?<T>(collection: string, ids: readonly string[]): Promise<Map<string, T>>;
}

/** A reader's documents by id: its batch read when it has one, else one get per id. */
export const getMany = async <T>(
  reader: DocumentReader,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, T>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  if (reader.getMany) return reader.getMany<T>(collection, unique);
  const docs = await Promise.all(unique.map((id) => reader.get<T>(collection, id)));
  const found = new Map<string, T>();
  unique.forEach((id, i) => {
    if (docs[i] !== null) found.set(id, docs[i]);
  });
  return found;
};

export interface DocumentWriter extends DocumentReader {
  put<T extends object>(collection: string, id: string, doc: T): void;
  delete(collection: string, id: string): void;
}

export type DocumentWrite =
  | { op: 'put'; collection: string; id: string; doc: object }
  | { op: 'delete'; collection: string; id: string };

export interface ProjectionCommit {
  projection: string;
  checkpoint: LogCheckpoint;
  writes: DocumentWrite[];
}

/**
 * Read models as JSON documents in named collections, next to the log where the store allows, so a
 * projection's writes and its checkpoint commit in one transaction.
 */
export interface ReadModelStore extends DocumentReader {
  ensureIndex(collection: string, fields: string[]): Promise<void>;
  getCheckpoint(projection: string): Promise<LogCheckpoint>;
  /** Applies the writes and moves the checkpoint atomically. */
  commit(projection: string, checkpoint: LogCheckpoint, writes: DocumentWrite[]): Promise<void>;
  /** Several projections' commits in one transaction, where the store can (fewer commits per batch). */
  commitAll?(commits: ProjectionCommit[]): Promise<void>;
  /** Forgets a projection's documents and checkpoint, for a rebuild from position 0. */
  reset(projection: string, collections: string[]): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('ReadModelStore');

const readPath = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value == null ? undefined : (value as Record<string, unknown>)[key]),
      doc,
    );

const isRange = (value: Scalar | Range): value is Range => value !== null && typeof value === 'object';

/** The same filter semantics as the SQL adapters, for documents still in a unit of work. */
export const matchesFilter = (doc: unknown, filter: Filter = {}): boolean =>
  Object.entries(filter).every(([path, condition]) => {
    const value = readPath(doc, path) as Scalar | undefined;
    if (!isRange(condition)) return (value ?? null) === condition;
    if (value === undefined || value === null) return condition.$ne !== undefined && condition.$ne !== null;
    return (
      (condition.$lt === undefined || (value as never) < (condition.$lt as never)) &&
      (condition.$lte === undefined || (value as never) <= (condition.$lte as never)) &&
      (condition.$gt === undefined || (value as never) > (condition.$gt as never)) &&
      (condition.$gte === undefined || (value as never) >= (condition.$gte as never)) &&
      (condition.$in === undefined || condition.$in.includes(value)) &&
      (condition.$ne === undefined || value !== condition.$ne)
    );
  });

export const sortAndPage = <T>(docs: T[], options: FindOptions = {}): T[] => {
  const sorted = options.orderBy
    ? [...docs].sort((a, b) => {
        const field = options.orderBy!.field;
        const x = readPath(a, field) as never;
        const y = readPath(b, field) as never;
        const order = x < y ? -1 : x > y ? 1 : 0;
        return options.orderBy!.direction === 'desc' ? -order : order;
      })
    : docs;
  const offset = options.offset ?? 0;
  return sorted.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
};
