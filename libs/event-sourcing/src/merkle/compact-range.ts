import type { Hash } from './merkle-tree';
import { EMPTY_TREE_ROOT, nodeHash } from './merkle-tree';

/** A complete subtree: the hash of leaves [index * 2^level, (index + 1) * 2^level). */
export interface SubtreeNode {
  level: number;
  index: number;
  hash: Hash;
}

/**
 * The complete subtrees covering leaves [0, size), largest first (one per bit of size): enough to
 * append a leaf and to compute the root without reading any stored node.
 */
export class CompactRange {
  private constructor(
    private treeSize: number,
    private readonly peaks: SubtreeNode[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  static from(size: number, peaks: readonly SubtreeNode[]): CompactRange {
    const covered = peaks.reduce((sum, peak) => sum + 2 ** peak.level, 0);
    if (covered !== size) throw new Error(`A compact range of ${size} leaves cannot cover ${covered}`);
    return new CompactRange(
      size,
      peaks.map((p) => ({ ...p })),
    );
  }

  get size(): number {
    return this.treeSize;
  }

  get nodes(): readonly SubtreeNode[] {
    return this.peaks;
  }

  /** Adds a leaf hash; returns every complete subtree it completes (the leaf first), to be stored. */
  append(leaf: Hash): SubtreeNode[] {
    const created: SubtreeNode[] = [{ level: 0, index: this.treeSize, hash: leaf }];
    this.peaks.push(created[0]!);
    while (this.peaks.length >= 2) {
      const right = this.peaks[this.peaks.length - 1]!;
      const left = this.peaks[this.peaks.length - 2]!;
      if (left.level !== right.level) break;
      this.peaks.splice(-2, 2);
      const parent = { level: left.level + 1, index: left.index / 2, hash: nodeHash(left.hash, right.hash) };
      this.peaks.push(parent);
      created.push(parent);
    }
    this.treeSize += 1;
    return created;
  }

  /** RFC 9162 MTH of the leaves so far: the peaks folded from the right. */
  root(): Hash {
    if (this.peaks.length === 0) return EMPTY_TREE_ROOT;
    let root = this.peaks[this.peaks.length - 1]!.hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) root = nodeHash(this.peaks[i]!.hash, root);
    return root;
  }
}
