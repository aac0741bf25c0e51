import type { DocumentReader, Filter, FindOptions } from './read-model-store.port';
import { UnitOfWork } from './unit-of-work';

/** 2^26 bits (8 MiB): about 4% false positives at 8 million ids, none of which changes an answer. */
const FILTER_BITS = 2 ** 26;

/** FNV-1a over UTF-16 code units, continuing from `hash`; two offsets give the two hashes of the filter. */
const fnv1a = (text: string, hash: number): number => {
  let h = hash;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
};

/**
 * The ids a rebuild has put so far, as a Bloom filter (three bits per id, from h1 + i * h2): "not
 * put" is certain, "put" may be wrong and then costs one lookup. Fixed in size whatever the log.
 */
export class PutIds {
  private readonly bits = new Uint8Array(FILTER_BITS / 8);
  /** Each collection's two hashes so far, computed once: every put and get of a rebuild asks. */
  private readonly seeds = new Map<string, readonly [number, number]>();

  add(collection: string, id: string): void {
    const [seed1, seed2] = this.seedsOf(collection);
    const h1 = fnv1a(id, seed1);
    const h2 = fnv1a(id, seed2) | 1;
    for (let i = 0; i < 3; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & (FILTER_BITS - 1);
      this.bits[bit >>> 3] |= 1 << (bit & 7);
    }
  }

  mayHave(collection: string, id: string): boolean {
    const [seed1, seed2] = this.seedsOf(collection);
    const h1 = fnv1a(id, seed1);
    const h2 = fnv1a(id, seed2) | 1;
    for (let i = 0; i < 3; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & (FILTER_BITS - 1);
      if ((this.bits[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }

  private seedsOf(collection: string): readonly [number, number] {
    let seeds = this.seeds.get(collection);
    if (!seeds) {
      seeds = [fnv1a(collection, 0x811c9dc5), fnv1a(collection, 0x2545f491)];
      this.seeds.set(collection, seeds);
    }
    return seeds;
  }
}

/**
 * A rebuild's unit of work over several batches. It counts the puts it holds, so the runner knows
 * when to commit it, and notes whether the projection queried by filter, since such a query scans
 * every document held (the runner then commits that projection after each batch). The projection's
 * own collections were emptied when the rebuild began, so an id it has not put since is absent:
 * the window answers that without reading the store.
 */
export class RebuildWindow extends UnitOfWork {
  private puts = 0;
  private filtered = false;

  constructor(
    reader: DocumentReader,
    private readonly emptied: ReadonlySet<string>,
    private readonly putIds: PutIds,
  ) {
    super(reader);
  }

  override async get<T>(collection: string, id: string): Promise<T | null> {
    if (this.emptied.has(collection) && !this.putIds.mayHave(collection, id)) return null;
    return super.get<T>(collection, id);
  }

  override put<T extends object>(collection: string, id: string, doc: T): void {
    this.puts += 1;
    this.putIds.add(collection, id);
    super.put(collection, id, doc);
  }

  override delete(collection: string, id: string): void {
    this.puts += 1;
    super.delete(collection, id);
  }

  override async find<T>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.filtered = true;
    return super.find<T>(collection, filter, options);
  }

  override async count(collection: string, filter: Filter = {}): Promise<number> {
    this.filtered = true;
    return super.count(collection, filter);
  }

  /** Whether to commit now: it holds `limit` puts, or the projection reads by filter. */
  due(limit: number): boolean {
    return this.filtered || this.puts >= limit;
  }
}
