import { createHash } from 'node:crypto';
import { CompactRange } from './compact-range';
import type { Hash } from './merkle-tree';
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  inclusionProof,
  leafHash,
  subtreesOfLeaves,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle-tree';

/** The RFC 9162 definitions written out literally over the leaf data, as an independent reference. */
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const largestPowerBelow = (n: number) => 2 ** Math.floor(Math.log2(n - 1));
const mth = (d: Buffer[]): Buffer => {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
  const k = largestPowerBelow(d.length);
  return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
};
const refPath = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length <= 1) return [];
  const k = largestPowerBelow(d.length);
  return m < k
    ? [...refPath(m, d.slice(0, k)), mth(d.slice(k))]
    : [...refPath(m - k, d.slice(k)), mth(d.slice(0, k))];
};
const refSubproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = largestPowerBelow(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
};

/** The leaf inputs of the Certificate Transparency reference tests (RFC 6962 era, same hashing). */
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const dataOf = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => createHash('sha256').update(`event ${i}`).digest());
const source = (d: Buffer[]) => subtreesOfLeaves(d.map((x) => leafHash(x)));
const hex = (hashes: Hash[]) => hashes.map((h) => h.toString('hex'));

describe('the RFC 9162 Merkle tree', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('gives the Certificate Transparency reference roots for 1 to 8 leaves', () => {
    for (let n = 1; n <= 8; n++) {
      expect(treeRoot(n, source(CT_LEAVES.slice(0, n))).toString('hex')).toBe(CT_ROOTS[n - 1]);
      expect(mth(CT_LEAVES.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n - 1]);
    }
  });

  it('gives the same root, inclusion and consistency proofs as the literal RFC definitions up to 40 leaves', () => {
    const all = dataOf(40);
    for (let n = 1; n <= all.length; n++) {
      const d = all.slice(0, n);
      const node = source(d);
      const root = treeRoot(n, node);
      expect(root.toString('hex')).toBe(mth(d).toString('hex'));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, n, node);
        expect(hex(proof)).toEqual(hex(refPath(m, d)));
        expect(verifyInclusion(m, n, leafHash(d[m]!), proof, root)).toBe(true);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, node);
        expect(hex(proof)).toEqual(m === n ? [] : hex(refSubproof(m, d, true)));
        expect(verifyConsistency(m, n, mth(d.slice(0, m)), root, proof)).toBe(true);
      }
    }
  });

  it('refuses an inclusion proof for another leaf, another index, another size or a changed sibling', () => {
    const d = dataOf(13);
    const node = source(d);
    const root = treeRoot(13, node);
    const proof = inclusionProof(5, 13, node);
    expect(verifyInclusion(5, 13, leafHash(d[6]!), proof, root)).toBe(false);
    expect(verifyInclusion(6, 13, leafHash(d[5]!), proof, root)).toBe(false);
    expect(verifyInclusion(5, 40, leafHash(d[5]!), proof, root)).toBe(false);
    expect(verifyInclusion(5, 13, leafHash(d[5]!), proof.slice(1), root)).toBe(false);
    const bent = proof.map((p, i) => (i === 1 ? leafHash(p) : p));
    expect(verifyInclusion(5, 13, leafHash(d[5]!), bent, root)).toBe(false);
  });

  it('refuses a consistency proof when history was rewritten, not only extended', () => {
    const d = dataOf(20);
    const rewritten = [...d.slice(0, 4), createHash('sha256').update('forged').digest(), ...d.slice(5)];
    const oldRoot = mth(d.slice(0, 7));
    const proof = consistencyProof(7, 20, source(rewritten));
    expect(verifyConsistency(7, 20, oldRoot, mth(rewritten), proof)).toBe(false);
    expect(verifyConsistency(7, 20, oldRoot, mth(d), consistencyProof(7, 20, source(d)))).toBe(true);
    expect(verifyConsistency(7, 20, oldRoot, mth(d), [])).toBe(false);
  });

  it('grows incrementally to the same root and stores every complete subtree once', () => {
    const d = dataOf(37);
    const range = CompactRange.empty();
    const stored = new Map<string, string>();
    for (let n = 1; n <= d.length; n++) {
      for (const created of range.append(leafHash(d[n - 1]!)))
        stored.set(`${created.level}:${created.index}`, created.hash.toString('hex'));
      expect(range.root().toString('hex')).toBe(mth(d.slice(0, n)).toString('hex'));
    }
    const fromStore = (level: number, index: number) => Buffer.from(stored.get(`${level}:${index}`)!, 'hex');
    expect(hex(inclusionProof(21, 37, fromStore))).toEqual(hex(refPath(21, d)));
    const resumed = CompactRange.from(range.size, range.nodes);
    resumed.append(leafHash(d[0]!));
    expect(resumed.root().toString('hex')).toBe(mth([...d, d[0]!]).toString('hex'));
  });
});
