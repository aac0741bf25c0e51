import * as crypto from 'node:crypto';

/**
 * RFC 9162 section 2.1 Merkle tree hashing, inclusion and consistency proofs, over a source of
 * perfect subtree hashes so a stored tree answers a proof in O(log n) lookups.
 */
export type Hash = Buffer;

/* One-shot crypto.hash (Node 20.12+) over the joined parts: no Hash object per node, same digest. */
const sha256: (...parts: Uint8Array[]) => Hash =
  typeof crypto.hash === 'function'
    ? (...parts) => crypto.hash('sha256', Buffer.concat(parts), 'buffer') as unknown as Hash
    : (...parts) => {
        const hash = crypto.createHash('sha256');
        for (const part of parts) hash.update(part);
        return hash.digest();
      };

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 9162 2.1.1: MTH({}) = SHA-256(). */
export const EMPTY_TREE_ROOT: Hash = sha256();

/** RFC 9162 2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export const leafHash = (data: Uint8Array): Hash => sha256(LEAF_PREFIX, data);

/** RFC 9162 2.1.1: SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Hash => sha256(NODE_PREFIX, left, right);

/** The leaf of the log tree is the event's chain hash, as its 32 bytes. */
export const eventLeafHash = (eventHashHex: string): Hash => leafHash(Buffer.from(eventHashHex, 'hex'));

/** The hash of leaves [index * 2^level, (index + 1) * 2^level): a complete subtree. */
export type SubtreeSource = (level: number, index: number) => Hash;

const isPowerOfTwo = (n: number): boolean => {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};

/** RFC 9162 2.1.1: the largest power of two smaller than n (n > 1). */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const levelOf = (size: number): number => Math.round(Math.log2(size));

/** MTH(D[start:end]); every complete subtree met on the way is aligned, so it comes from the source. */
export const rangeHash = (start: number, end: number, node: SubtreeSource): Hash => {
  const n = end - start;
  if (n === 0) return EMPTY_TREE_ROOT;
  if (isPowerOfTwo(n) && start % n === 0) return node(levelOf(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(start, start + k, node), rangeHash(start + k, end, node));
};

/** A source over leaf hashes held in memory (tests, exports, verification). */
export const subtreesOfLeaves = (leaves: readonly Hash[]): SubtreeSource => {
  const cache = new Map<string, Hash>();
  const node: SubtreeSource = (level, index) => {
    if (level === 0) return leaves[index]!;
    const key = `${level}:${index}`;
    const known = cache.get(key);
    if (known) return known;
    const hash = nodeHash(node(level - 1, index * 2), node(level - 1, index * 2 + 1));
    cache.set(key, hash);
    return hash;
  };
  return node;
};

export const treeRoot = (size: number, node: SubtreeSource): Hash => rangeHash(0, size, node);

/** RFC 9162 2.1.3.1: PATH(m, D[start:end]), from the leaf's sibling up to the root's child. */
const path = (m: number, start: number, end: number, node: SubtreeSource): Hash[] => {
  const n = end - start;
  if (n <= 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...path(m, start, start + k, node), rangeHash(start + k, end, node)]
    : [...path(m - k, start + k, end, node), rangeHash(start, start + k, node)];
};

export const inclusionProof = (leafIndex: number, treeSize: number, node: SubtreeSource): Hash[] => {
  if (leafIndex < 0 || leafIndex >= treeSize)
    throw new RangeError(`Leaf ${leafIndex} is not in a tree of ${treeSize}`);
  return path(leafIndex, 0, treeSize, node);
};

/** RFC 9162 2.1.4.1: SUBPROOF(m, D[start:end], b). */
const subproof = (m: number, start: number, end: number, complete: boolean, node: SubtreeSource): Hash[] => {
  const n = end - start;
  if (m === n) return complete ? [] : [rangeHash(start, end, node)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, start, start + k, complete, node), rangeHash(start + k, end, node)]
    : [...subproof(m - k, start + k, end, false, node), rangeHash(start, start + k, node)];
};

export const consistencyProof = (firstSize: number, secondSize: number, node: SubtreeSource): Hash[] => {
  if (firstSize < 0 || firstSize > secondSize)
    throw new RangeError(`No consistency proof from ${firstSize} to ${secondSize}`);
  if (firstSize === 0 || firstSize === secondSize) return [];
  return subproof(firstSize, 0, secondSize, true, node);
};

const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** RFC 9162 2.1.3.2: recomputes the root from a leaf hash and its inclusion proof. */
export const rootFromInclusionProof = (
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Hash | null => {
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Hash = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
};

export const verifyInclusion = (
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean => {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  return computed !== null && computed.equals(root);
};

/** RFC 9162 2.1.4.2: the tree of firstSize is a prefix of the tree of secondSize. */
export const verifyConsistency = (
  firstSize: number,
  secondSize: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean => {
  if (firstSize < 0 || firstSize > secondSize) return false;
  if (firstSize === secondSize) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (firstSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Hash = Buffer.from(path[0]!);
  let sr: Hash = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
};
