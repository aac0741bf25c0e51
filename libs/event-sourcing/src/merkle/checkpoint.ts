import type { Hash } from './merkle-tree';
import { leafHash, subtreesOfLeaves, treeRoot } from './merkle-tree';
import type { NoteSigner, NoteVerifier } from './signed-note';
import { MalformedNote, signNote, verifyNote } from './signed-note';

/**
 * A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): origin, tree size, base64 root hash, then our
 * extension lines: the stream-heads commitment (so a truncated stream is detectable) and the time.
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Hash;
  /** Number of streams and the root of the stream-heads tree at treeSize. */
  streamCount: number;
  headsRoot: Hash;
  /** When it was signed (store time). */
  time: string;
}

export interface SignedCheckpoint extends Checkpoint {
  note: string;
  keyName: string;
  keyId: string;
}

export interface StreamHead {
  streamId: string;
  version: number;
  hash: string;
}

const HEADS = 'hemotrace-stream-heads';
const TIME = 'hemotrace-time';

export const formatCheckpointText = (c: Checkpoint): string =>
  [
    c.origin,
    String(c.treeSize),
    c.rootHash.toString('base64'),
    `${HEADS} ${c.streamCount} ${c.headsRoot.toString('base64')}`,
    `${TIME} ${c.time}`,
    '',
  ].join('\n');

export const parseCheckpointText = (text: string): Checkpoint => {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new MalformedNote('A checkpoint has at least 3 lines');
  const [origin, size, root, ...extensions] = lines.slice(0, -1);
  if (!origin || !/^\d+$/.test(size ?? '') || !root)
    throw new MalformedNote('Checkpoint origin, size or root is missing');
  const heads = extensions.find((l) => l.startsWith(`${HEADS} `))?.split(' ');
  const time = extensions.find((l) => l.startsWith(`${TIME} `))?.slice(TIME.length + 1);
  if (!heads || heads.length !== 3 || !time)
    throw new MalformedNote('Checkpoint has no stream-heads or time line');
  return {
    origin,
    treeSize: Number(size),
    rootHash: Buffer.from(root, 'base64'),
    streamCount: Number(heads[1]),
    headsRoot: Buffer.from(heads[2]!, 'base64'),
    time,
  };
};

export const signCheckpoint = (checkpoint: Checkpoint, signer: NoteSigner): SignedCheckpoint => ({
  ...checkpoint,
  note: signNote(formatCheckpointText(checkpoint), signer),
  keyName: signer.name,
  keyId: signer.keyId,
});

export type CheckpointVerdict =
  { ok: true; checkpoint: SignedCheckpoint } | { ok: false; reason: string; message: string };

export const openCheckpoint = (
  note: string,
  verifiers: readonly NoteVerifier[],
  origin?: string,
): CheckpointVerdict => {
  const verdict = verifyNote(note, verifiers);
  if (!verdict.ok) return verdict;
  try {
    const checkpoint = parseCheckpointText(verdict.text);
    if (origin !== undefined && checkpoint.origin !== origin)
      return {
        ok: false,
        reason: 'WRONG_ORIGIN',
        message: `Checkpoint of ${checkpoint.origin}, not ${origin}`,
      };
    return {
      ok: true,
      checkpoint: { ...checkpoint, note, keyName: verdict.verifiedBy.name, keyId: verdict.verifiedBy.keyId },
    };
  } catch (error) {
    return { ok: false, reason: 'MALFORMED', message: (error as Error).message };
  }
};

/** The leaf of the stream-heads tree: `streamId`, version and head hash, one per line. */
export const streamHeadLeaf = (head: StreamHead): Hash =>
  leafHash(Buffer.from(`${head.streamId}\n${head.version}\n${head.hash}`, 'utf8'));

const byStreamId = (a: StreamHead, b: StreamHead) =>
  a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;

/** The stream-heads tree: an RFC 9162 tree over the heads sorted by stream id (UTF-16 code units). */
export const streamHeadsRoot = (heads: Iterable<StreamHead>): { root: Hash; count: number } => {
  const sorted = [...heads].sort(byStreamId);
  return {
    root: treeRoot(sorted.length, subtreesOfLeaves(sorted.map(streamHeadLeaf))),
    count: sorted.length,
  };
};

export const sortStreamHeads = (heads: Iterable<StreamHead>): StreamHead[] => [...heads].sort(byStreamId);
