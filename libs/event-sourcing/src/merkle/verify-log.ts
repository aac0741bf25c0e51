import type { RecordedEvent } from '../envelope';
import type { EventStore, LogCheckpoint } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import type { IntegrityProblem } from '../verify';
import { checkLink } from '../verify';
import type { SignedCheckpoint, StreamHead } from './checkpoint';
import { openCheckpoint, streamHeadsRoot } from './checkpoint';
import type { LogTree, StoredHead } from './log-tree';
import type { Hash } from './merkle-tree';
import { CompactRange } from './compact-range';
import { consistencyProof, eventLeafHash, subtreesOfLeaves, verifyConsistency } from './merkle-tree';
import type { NoteVerifier } from './signed-note';

/** The system stream that keeps every signed checkpoint; it holds no personal data. */
export const CHECKPOINT_STREAM = 'Checkpoint-log';
export const CHECKPOINT_SIGNED = 'LogCheckpointSigned';

export interface CheckpointSignedData {
  note: string;
  treeSize: number;
  rootHash: string;
  keyName: string;
  keyId: string;
}

export type EvidenceProblem =
  | IntegrityProblem
  /** An event the tree follower saw is no longer in the log. */
  | 'EVENT_DELETED'
  /** An event is still there but its hash is not the one the tree recorded (changed and re-hashed). */
  | 'EVENT_CHANGED'
  /** An event sits inside the followed part of the log but the tree never saw it. */
  | 'EVENT_INSERTED'
  /** A stream ends before the head the tree recorded for it. */
  | 'STREAM_TRUNCATED'
  /** A stream's head has the recorded version but another hash. */
  | 'STREAM_HEAD_CHANGED'
  /** The log is shorter than a signed checkpoint says it was. */
  | 'LOG_TRUNCATED'
  /** The log's first N events do not hash to the signed root. */
  | 'TREE_ROOT_MISMATCH'
  /** The stored tree itself does not give the signed root (its table was edited). */
  | 'STORED_TREE_MISMATCH'
  /** The stream heads at the checkpoint do not match its signed commitment. */
  | 'STREAM_HEADS_MISMATCH'
  /** A checkpoint that does not verify with any known key, or whose signature is wrong. */
  | 'CHECKPOINT_INVALID'
  /** A later checkpoint is not an extension of an earlier one. */
  | 'NOT_CONSISTENT'
  /** Acknowledged events the tree could not take in yet: the check cannot vouch for them. */
  | 'LOG_NOT_COVERED';

export interface EvidenceFinding {
  problem: EvidenceProblem;
  streamId?: string;
  streamVersion?: number;
  globalPosition?: number;
  eventId?: string;
  leafIndex?: number;
  message: string;
}

export interface CheckpointSummary {
  treeSize: number;
  rootHash: string;
  time: string;
  keyName: string;
  keyId: string;
  source: string;
}

export interface LogVerification {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  /** Leaves the stored tree holds. */
  treeSize: number;
  /** The latest valid signed checkpoint everything was checked against; null when none exists yet. */
  checkpoint: CheckpointSummary | null;
  /** Streams with at least one finding: what read models built from them must not present as sound. */
  damagedStreams: string[];
  findings: EvidenceFinding[];
  consistency?: ConsistencyCheck;
}

export interface VerifyLogOptions {
  verifiers: readonly NoteVerifier[];
  origin: string;
  /** Checkpoints kept outside the database (a file, a copy from Kafka), with where they came from. */
  externalCheckpoints?: readonly { note: string; source: string }[];
  /** A checkpoint someone kept: prove with a consistency proof that the log only grew since. */
  since?: { note: string; source: string };
  gapFreePositions?: boolean;
  batchSize?: number;
}

export interface ConsistencyCheck {
  from: number;
  to: number;
  /** Whether `to` is a signed checkpoint's size, or only today's log. */
  toSigned: boolean;
  proof: string[];
  ok: boolean;
}

interface LeafRecord {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  hash: string;
}

const at = (e: LeafRecord) => ({
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  globalPosition: e.globalPosition,
  eventId: e.eventId,
});

/**
 * Checks every stream's chain, the log against the tree its follower built, and both against the
 * latest signed checkpoint, naming the stream, the event and the kind of damage for each finding.
 */
export const verifyLog = async (
  store: EventStore,
  tree: LogTree,
  options: VerifyLogOptions,
): Promise<LogVerification> => {
  const findings: EvidenceFinding[] = [];
  const gapFree = options.gapFreePositions ?? (store.kind === 'sqlite' || store.kind === 'memory');

  const stored: LeafRecord[] = [];
  const storedIndex = new Map<string, number>();
  for await (const leaf of tree.storedLeaves()) {
    storedIndex.set(leaf.eventId!, stored.length);
    stored.push({
      eventId: leaf.eventId!,
      streamId: leaf.streamId!,
      streamVersion: leaf.streamVersion!,
      globalPosition: leaf.globalPosition!,
      hash: leaf.eventHash!,
    });
  }
  const seen = new Uint8Array(stored.length);

  const candidates: { note: string; source: string; event?: RecordedEvent }[] = [
    ...(options.externalCheckpoints ?? []),
  ];
  const leaves: Hash[] = [];
  const heads = new Map<string, { version: number; hash: string }>();
  const gaps: { from: number; to: number; event: RecordedEvent }[] = [];
  let lastPosition = 0;
  let checkpoint: LogCheckpoint = LOG_START;

  for (;;) {
    const batch = await store.readAll(checkpoint, options.batchSize ?? 5000);
    if (batch.events.length === 0) break;
    for (const event of batch.events) {
      if (event.globalPosition <= lastPosition && store.kind !== 'postgres') {
        findings.push({
          problem: 'GLOBAL_ORDER',
          ...at(event),
          message: 'Global position does not increase',
        });
      } else if (gapFree && event.globalPosition !== lastPosition + 1) {
        gaps.push({ from: lastPosition + 1, to: event.globalPosition - 1, event });
      }
      lastPosition = Math.max(lastPosition, event.globalPosition);
      const head = heads.get(event.streamId);
      findings.push(...checkLink(event, head ? { version: head.version, hash: head.hash } : undefined));
      heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
      leaves.push(eventLeafHash(event.hash));

      const known = storedIndex.get(event.eventId);
      if (known !== undefined) {
        seen[known] = 1;
        if (stored[known]!.hash !== event.hash) {
          findings.push({
            problem: 'EVENT_CHANGED',
            ...at(event),
            leafIndex: known,
            message: `Event ${event.streamId}@${event.streamVersion} was recorded in the log tree as leaf ${known} with hash ${stored[known]!.hash}; it now hashes to ${event.hash}`,
          });
        }
      } else if (leaves.length <= stored.length) {
        findings.push({
          problem: 'EVENT_INSERTED',
          ...at(event),
          message: `Event ${event.streamId}@${event.streamVersion} sits inside the part of the log the tree follower has taken in, but the tree never saw it`,
        });
      }
      if (event.streamId === CHECKPOINT_STREAM && event.type === CHECKPOINT_SIGNED) {
        const data = event.data as CheckpointSignedData;
        candidates.push({ note: data.note, source: `${CHECKPOINT_STREAM}@${event.streamVersion}`, event });
      }
    }
    checkpoint = batch.checkpoint;
  }

  const opened: { checkpoint: SignedCheckpoint; source: string }[] = [];
  for (const candidate of candidates) {
    const verdict = openCheckpoint(candidate.note, options.verifiers, options.origin);
    if (verdict.ok) opened.push({ checkpoint: verdict.checkpoint, source: candidate.source });
    else
      findings.push({
        problem: 'CHECKPOINT_INVALID',
        ...(candidate.event ? at(candidate.event) : {}),
        message: `Checkpoint from ${candidate.source} is not valid (${verdict.reason}): ${verdict.message}`,
      });
  }

  for (let j = 0; j < stored.length; j++) {
    if (seen[j]) continue;
    const leaf = stored[j]!;
    findings.push({
      problem: 'EVENT_DELETED',
      ...at(leaf),
      leafIndex: j,
      message: `Event ${leaf.streamId}@${leaf.streamVersion} (global position ${leaf.globalPosition}, leaf ${j}) was in the log and is gone`,
    });
  }
  const deletedPositions = new Set(stored.filter((_, j) => !seen[j]).map((l) => l.globalPosition));
  for (const gap of gaps) {
    let explained = true;
    for (let p = gap.from; p <= gap.to && explained; p++) explained = deletedPositions.has(p);
    if (!explained)
      findings.push({
        problem: 'GLOBAL_GAP',
        ...at(gap.event),
        message: `Global positions ${gap.from}..${gap.to} are missing before this event`,
      });
  }

  const storedHeads: StoredHead[] = await tree.storedHeads();
  for (const recorded of storedHeads) {
    const now = heads.get(recorded.streamId);
    if (!now || now.version < recorded.version) {
      findings.push({
        problem: 'STREAM_TRUNCATED',
        streamId: recorded.streamId,
        streamVersion: recorded.version,
        eventId: recorded.eventId,
        leafIndex: recorded.leafIndex,
        message: `Stream ${recorded.streamId} ends at version ${now?.version ?? 0}; its version ${recorded.version} (event ${recorded.eventId}) was recorded`,
      });
    } else if (now.version === recorded.version && now.hash !== recorded.hash) {
      findings.push({
        problem: 'STREAM_HEAD_CHANGED',
        streamId: recorded.streamId,
        streamVersion: recorded.version,
        eventId: recorded.eventId,
        message: `Stream ${recorded.streamId} version ${recorded.version} was recorded with hash ${recorded.hash}; it is now ${now.hash}`,
      });
    }
  }

  const latest = opened.sort((a, b) => b.checkpoint.treeSize - a.checkpoint.treeSize)[0];
  if (latest)
    await checkAgainstCheckpoint(latest.checkpoint, latest.source, leaves, tree, findings, store, options);
  for (const [i, older] of opened.entries()) {
    const root =
      older.checkpoint.treeSize <= leaves.length ? rootOf(leaves, older.checkpoint.treeSize) : null;
    if (i > 0 && root && !root.equals(older.checkpoint.rootHash))
      findings.push({
        problem: 'NOT_CONSISTENT',
        message: `The checkpoint of ${older.checkpoint.treeSize} events (${older.source}, ${older.checkpoint.time}) is not a prefix of today's log`,
      });
  }

  const consistency = options.since
    ? checkSince(options.since, latest?.checkpoint ?? null, leaves, findings, options)
    : undefined;

  const damaged = new Set(
    findings.map((f) => f.streamId).filter((s): s is string => !!s && s !== CHECKPOINT_STREAM),
  );
  return {
    ok: findings.length === 0,
    eventsChecked: leaves.length,
    streamsChecked: heads.size,
    treeSize: stored.length,
    checkpoint: latest
      ? {
          treeSize: latest.checkpoint.treeSize,
          rootHash: latest.checkpoint.rootHash.toString('base64'),
          time: latest.checkpoint.time,
          keyName: latest.checkpoint.keyName,
          keyId: latest.checkpoint.keyId,
          source: latest.source,
        }
      : null,
    damagedStreams: [...damaged].sort(),
    findings,
    ...(consistency ? { consistency } : {}),
  };
};

const checkSince = (
  since: { note: string; source: string },
  latest: SignedCheckpoint | null,
  leaves: readonly Hash[],
  findings: EvidenceFinding[],
  options: VerifyLogOptions,
): ConsistencyCheck | undefined => {
  const verdict = openCheckpoint(since.note, options.verifiers, options.origin);
  if (!verdict.ok) {
    findings.push({
      problem: 'CHECKPOINT_INVALID',
      message: `The kept checkpoint ${since.source} is not valid (${verdict.reason}): ${verdict.message}`,
    });
    return undefined;
  }
  const kept = verdict.checkpoint;
  const toSigned = !!latest && latest.treeSize >= kept.treeSize;
  const to = toSigned ? latest!.treeSize : leaves.length;
  if (to < kept.treeSize) {
    findings.push({
      problem: 'LOG_TRUNCATED',
      leafIndex: to,
      message: `The kept checkpoint ${since.source} commits to ${kept.treeSize} events; the log holds ${to}`,
    });
    return { from: kept.treeSize, to, toSigned, proof: [], ok: false };
  }
  const newRoot = toSigned ? latest!.rootHash : rootOf(leaves, to);
  const proof = consistencyProof(kept.treeSize, to, subtreesOfLeaves(leaves));
  const ok = verifyConsistency(kept.treeSize, to, kept.rootHash, newRoot, proof);
  if (!ok)
    findings.push({
      problem: 'NOT_CONSISTENT',
      message: `The log of ${to} events${toSigned ? ' signed ' + latest!.time : ''} does not extend the kept checkpoint of ${kept.treeSize} events (${since.source}, signed ${kept.time}): history before it was rewritten`,
    });
  return { from: kept.treeSize, to, toSigned, proof: proof.map((p) => p.toString('base64')), ok };
};

/** The root of the first `size` leaves, folded in O(log n) memory. */
const rootOf = (leaves: readonly Hash[], size: number): Hash => {
  const range = CompactRange.empty();
  for (let i = 0; i < size; i++) range.append(leaves[i]!);
  return range.root();
};

/** The heads of every stream after the first `size` events of the log. */
const headsAfter = async (store: EventStore, size: number, batchSize: number): Promise<StreamHead[]> => {
  const heads = new Map<string, StreamHead>();
  let checkpoint: LogCheckpoint = LOG_START;
  let n = 0;
  while (n < size) {
    const batch = await store.readAll(checkpoint, Math.min(batchSize, size - n));
    if (batch.events.length === 0) break;
    for (const e of batch.events.slice(0, size - n))
      heads.set(e.streamId, { streamId: e.streamId, version: e.streamVersion, hash: e.hash });
    n += batch.events.length;
    checkpoint = batch.checkpoint;
  }
  return [...heads.values()];
};

const checkAgainstCheckpoint = async (
  signed: SignedCheckpoint,
  source: string,
  leaves: readonly Hash[],
  tree: LogTree,
  findings: EvidenceFinding[],
  store: EventStore,
  options: VerifyLogOptions,
): Promise<void> => {
  const n = signed.treeSize;
  const what = `the checkpoint of ${n} events signed ${signed.time} by ${signed.keyName}+${signed.keyId} (${source})`;
  if (leaves.length < n) {
    findings.push({
      problem: 'LOG_TRUNCATED',
      leafIndex: leaves.length,
      message: `The log holds ${leaves.length} events; ${what} commits to ${n}: ${n - leaves.length} are missing`,
    });
    return;
  }
  if (!rootOf(leaves, n).equals(signed.rootHash))
    findings.push({
      problem: 'TREE_ROOT_MISMATCH',
      message: `The log's first ${n} events do not hash to the root of ${what}`,
    });
  try {
    if (!(await tree.storedRoot(n)).equals(signed.rootHash))
      findings.push({
        problem: 'STORED_TREE_MISMATCH',
        message: `The stored log tree does not give the root of ${what}`,
      });
  } catch (error) {
    findings.push({
      problem: 'STORED_TREE_MISMATCH',
      message: `${(error as Error).message}: it cannot give the root of ${what}`,
    });
  }
  const heads = streamHeadsRoot(await headsAfter(store, n, options.batchSize ?? 5000));
  if (heads.count !== signed.streamCount || !heads.root.equals(signed.headsRoot))
    findings.push({
      problem: 'STREAM_HEADS_MISMATCH',
      message: `The heads of the ${heads.count} streams after the first ${n} events do not match the ${signed.streamCount} stream heads committed by ${what}`,
    });
};
