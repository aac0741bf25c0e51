import type { RecordedEvent } from '../envelope';
import type { EventStore, LogBatch, LogCheckpoint, Subscription } from '../event-store.port';
import type { DocumentWrite, ReadModelStore } from '../read-models/read-model-store.port';
import type { StreamHead } from './checkpoint';
import { streamHeadsRoot } from './checkpoint';
import { CompactRange } from './compact-range';
import type { Hash, SubtreeSource } from './merkle-tree';
import { consistencyProof, eventLeafHash, inclusionProof, treeRoot } from './merkle-tree';

export const LOG_TREE = 'evidence.log-tree';
export const TREE_NODES = 'evidence.tree-nodes';
export const TREE_LEAVES = 'evidence.tree-leaves';
export const TREE_STATE = 'evidence.tree-state';
export const TREE_HEADS = 'evidence.stream-heads';

/** A stored complete subtree; leaves (level 0) also say which event they are. */
export interface TreeNodeDoc {
  level: number;
  index: number;
  hash: string;
  eventId?: string;
  streamId?: string;
  streamVersion?: number;
  globalPosition?: number;
  eventHash?: string;
}

export interface StoredHead extends StreamHead {
  eventId: string;
  leafIndex: number;
}

interface TreeStateDoc {
  size: number;
  peaks: { level: number; index: number; hash: string }[];
}

export interface TreeHead {
  size: number;
  root: Hash;
}

const nodeId = (level: number, index: number) => `${level}:${index}`;

/**
 * The log's Merkle tree, kept by a follower of the global log (never on the append path) in the
 * read-model store under its own name, which no projection rebuild resets: rebuilding it from a
 * tampered log would erase the evidence. Batches and checkpoints run one at a time.
 */
export class LogTree {
  private serial: Promise<unknown> = Promise.resolve();
  private subscription: Subscription | null = null;
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.readModels.ensureIndex(TREE_LEAVES, ['eventId']);
    await this.readModels.ensureIndex(TREE_LEAVES, ['index']);
  }

  /** Runs work after every batch and checkpoint queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work, work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private async loadRange(): Promise<CompactRange> {
    const state = await this.readModels.get<TreeStateDoc>(TREE_STATE, 'tree');
    if (!state) return CompactRange.empty();
    return CompactRange.from(
      state.size,
      state.peaks.map((p) => ({ level: p.level, index: p.index, hash: Buffer.from(p.hash, 'hex') })),
    );
  }

  private async applyBatch(batch: LogBatch): Promise<void> {
    if (batch.events.length === 0) return;
    const range = await this.loadRange();
    const writes: DocumentWrite[] = [];
    const heads = new Map<string, StoredHead>();
    for (const event of batch.events) {
      const leafIndex = range.size;
      for (const node of range.append(eventLeafHash(event.hash))) {
        const doc: TreeNodeDoc = { level: node.level, index: node.index, hash: node.hash.toString('hex') };
        /* Leaves, which say which event they are, apart from inner nodes: only leaves are indexed. */
        if (node.level === 0)
          writes.push({
            op: 'put',
            collection: TREE_LEAVES,
            id: String(node.index),
            doc: { ...doc, ...leafFacts(event) },
          });
        else writes.push({ op: 'put', collection: TREE_NODES, id: nodeId(node.level, node.index), doc });
      }
      heads.set(event.streamId, {
        streamId: event.streamId,
        version: event.streamVersion,
        hash: event.hash,
        eventId: event.eventId,
        leafIndex,
      });
    }
    for (const head of heads.values())
      writes.push({ op: 'put', collection: TREE_HEADS, id: head.streamId, doc: head });
    const state: TreeStateDoc = {
      size: range.size,
      peaks: range.nodes.map((p) => ({ level: p.level, index: p.index, hash: p.hash.toString('hex') })),
    };
    writes.push({ op: 'put', collection: TREE_STATE, id: 'tree', doc: state });
    await this.readModels.commit(LOG_TREE, batch.checkpoint, writes);
  }

  private async catchUpNow(batchSize: number): Promise<LogCheckpoint> {
    let checkpoint: LogCheckpoint = await this.readModels.getCheckpoint(LOG_TREE);
    for (;;) {
      const batch = await this.store.readAll(checkpoint, batchSize);
      if (batch.events.length === 0) return checkpoint;
      await this.applyBatch(batch);
      checkpoint = batch.checkpoint;
    }
  }

  /** Takes in everything appended so far. */
  catchUp(batchSize = 2000): Promise<TreeHead> {
    return this.exclusive(async () => {
      await this.catchUpNow(batchSize);
      return this.headNow();
    });
  }

  /**
   * Follows the log. A batch is applied as delivered only when the tree stands exactly where the
   * batch started; after a catch-up (a checkpoint on demand, another process) it reads from the
   * tree's own checkpoint instead, so no leaf is ever added twice.
   */
  async follow(options: { onError?: (error: unknown) => void; settleMs?: number } = {}): Promise<void> {
    await this.ensureIndexes();
    let deliveredFrom = await this.readModels.getCheckpoint(LOG_TREE);
    /* Resting after each batch lets appends pile up into one read and one commit: the tree's
       cost per event stays small next to the append it follows (bench/src/evidence.bench.ts). */
    const settleMs = options.settleMs ?? 250;
    this.subscription = this.store.subscribe(
      deliveredFrom,
      async (batch) => {
        await this.exclusive(async () => {
          const stored = await this.readModels.getCheckpoint(LOG_TREE);
          if (stored === deliveredFrom) await this.applyBatch(batch);
          else await this.catchUpNow(2000);
          deliveredFrom = batch.checkpoint;
        });
        if (batch.events.length < 2000 && !this.stopping) await new Promise((r) => setTimeout(r, settleMs));
      },
      { batchSize: 2000, onError: options.onError },
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = null;
    await this.serial;
  }

  /** Call inside exclusive() when the head must match the stream heads read next to it. */
  async headNow(): Promise<TreeHead> {
    const range = await this.loadRange();
    return { size: range.size, root: range.root() };
  }

  /** The tree with every event appended so far, and the stream heads at exactly that size. */
  snapshot(): Promise<TreeHead & { headsRoot: Hash; streamCount: number; heads: StoredHead[] }> {
    return this.exclusive(async () => {
      await this.catchUpNow(2000);
      const head = await this.headNow();
      const heads = await this.storedHeads();
      const commitment = streamHeadsRoot(heads);
      return { ...head, headsRoot: commitment.root, streamCount: commitment.count, heads };
    });
  }

  async head(): Promise<TreeHead> {
    return this.headNow();
  }

  storedHead(streamId: string): Promise<StoredHead | null> {
    return this.readModels.get<StoredHead>(TREE_HEADS, streamId);
  }

  async storedHeads(): Promise<StoredHead[]> {
    return this.readModels.find<StoredHead>(TREE_HEADS);
  }

  async headsCommitment(): Promise<{ root: Hash; count: number }> {
    return streamHeadsRoot(await this.storedHeads());
  }

  /** Stored leaves in leaf order, a page at a time. */
  async *storedLeaves(pageSize = 5000): AsyncGenerator<TreeNodeDoc> {
    let from = 0;
    for (;;) {
      const page = await this.readModels.find<TreeNodeDoc>(
        TREE_LEAVES,
        { index: { $gte: from } },
        { orderBy: { field: 'index' }, limit: pageSize },
      );
      for (const leaf of page) yield leaf;
      if (page.length < pageSize) return;
      from = page[page.length - 1]!.index + 1;
    }
  }

  /** The stored leaves with from <= index < to, in leaf order: one page of a walk beside the log. */
  storedLeafRange(from: number, to: number): Promise<TreeNodeDoc[]> {
    return this.readModels.find<TreeNodeDoc>(
      TREE_LEAVES,
      { index: { $gte: from, $lt: to } },
      { orderBy: { field: 'index' }, limit: Math.max(0, to - from) },
    );
  }

  async leavesOf(eventIds: readonly string[]): Promise<TreeNodeDoc[]> {
    const found: TreeNodeDoc[] = [];
    for (let i = 0; i < eventIds.length; i += 500) {
      found.push(
        ...(await this.readModels.find<TreeNodeDoc>(TREE_LEAVES, {
          eventId: { $in: eventIds.slice(i, i + 500) },
        })),
      );
    }
    return found;
  }

  /** Runs a proof twice: once to learn which stored subtrees it reads, then on them. */
  private async withStoredNodes<T>(compute: (node: SubtreeSource) => T): Promise<T> {
    const wanted = new Map<string, [number, number]>();
    compute((level, index) => {
      wanted.set(nodeId(level, index), [level, index]);
      return Buffer.alloc(32);
    });
    const found = new Map<string, Hash>();
    await Promise.all(
      [...wanted.keys()].map(async (id) => {
        const [level, index] = wanted.get(id)!;
        const doc =
          level === 0
            ? await this.readModels.get<TreeNodeDoc>(TREE_LEAVES, String(index))
            : await this.readModels.get<TreeNodeDoc>(TREE_NODES, id);
        if (!doc) throw new Error(`The stored log tree has no node ${id}`);
        found.set(id, Buffer.from(doc.hash, 'hex'));
      }),
    );
    return compute((level, index) => found.get(nodeId(level, index))!);
  }

  inclusionProof(leafIndex: number, treeSize: number): Promise<Hash[]> {
    return this.withStoredNodes((node) => inclusionProof(leafIndex, treeSize, node));
  }

  consistencyProof(firstSize: number, secondSize: number): Promise<Hash[]> {
    return this.withStoredNodes((node) => consistencyProof(firstSize, secondSize, node));
  }

  storedRoot(treeSize: number): Promise<Hash> {
    return this.withStoredNodes((node) => treeRoot(treeSize, node));
  }
}

const leafFacts = (event: RecordedEvent) => ({
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  eventHash: event.hash,
});
