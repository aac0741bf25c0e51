import type { RecordedEvent } from '../envelope';
import type { EventStore, LogCheckpoint } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import type { IntegrityProblem } from '../verify';
import { checkLink } from '../verify';
import type { SignedCheckpoint, StreamHead } from './checkpoint';
import { openCheckpoint, streamHeadsRoot } from './checkpoint';
import type { LogTree, StoredHead, TreeNodeDoc } from './log-tree';
import type { Hash } from './merkle-tree';
import { CompactRange } from './compact-range';
import { consistencyProof, EMPTY_TREE_ROOT, eventLeafHash, verifyConsistency } from './merkle-tree';
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

interface Place {
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  eventId: string;
}

const at = (e: Place): Place => ({
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  globalPosition: e.globalPosition,
  eventId: e.eventId,
});

const leafPlace = (leaf: TreeNodeDoc): Place => ({
  streamId: leaf.streamId!,
  streamVersion: leaf.streamVersion!,
  globalPosition: leaf.globalPosition!,
  eventId: leaf.eventId!,
});

/**
 * The stored leaves beside the log. The follower appended them in log order, so an untouched log
 * matches leaf `next` event after event; only what damage moved aside is remembered, as ranges of
 * leaves not met yet (`unmet`), never a leaf per event.
 */
class LeavesBesideLog {
  private next = 0;
  private readonly unmet: [number, number][] = [];

  constructor(
    private readonly tree: LogTree,
    /** The leaves the tree held when the check began; later ones are not compared. */
    readonly size: number,
  ) {}

  /**
   * The stored leaf of each event of a log batch that the tree holds, by event id (one indexed
   * lookup per 500 events). An event the follower took in twice (moved to the end of the log) is
   * at its last leaf; its first one is never met, as it was moved away.
   */
  async leavesOf(events: readonly RecordedEvent[]): Promise<Map<string, TreeNodeDoc>> {
    const found = new Map<string, TreeNodeDoc>();
    for (const leaf of await this.tree.leavesOf(events.map((e) => e.eventId))) {
      const known = found.get(leaf.eventId!);
      if (leaf.index < this.size && (!known || known.index < leaf.index)) found.set(leaf.eventId!, leaf);
    }
    return found;
  }

  /** The event of the log stands at leaf `index`: the leaves skipped to reach it are not met yet. */
  meet(index: number): void {
    if (index >= this.next) {
      if (index > this.next) this.unmet.push([this.next, index]);
      this.next = index + 1;
      return;
    }
    const i = this.unmet.findIndex(([from, to]) => from <= index && index < to);
    if (i < 0) return;
    const [from, to] = this.unmet[i]!;
    const parts: [number, number][] = [];
    if (from < index) parts.push([from, index]);
    if (index + 1 < to) parts.push([index + 1, to]);
    this.unmet.splice(i, 1, ...parts);
  }

  /** The leaves no event of the log met, in leaf order, a page at a time. */
  async *neverMet(pageSize: number): AsyncGenerator<TreeNodeDoc> {
    const ranges =
      this.next < this.size ? [...this.unmet, [this.next, this.size] as [number, number]] : this.unmet;
    for (const [from, to] of ranges)
      for (let page = from; page < to; page += pageSize)
        yield* await this.tree.storedLeafRange(page, Math.min(to, page + pageSize));
  }
}

/** Sorted, disjoint runs of global positions: the positions of deleted events, without one entry each. */
class PositionRuns {
  private runs: [number, number][] = [];

  add(position: number): void {
    const last = this.runs.at(-1);
    if (last && position === last[1] + 1) last[1] = position;
    else this.runs.push([position, position]);
  }

  /** Call once every position is added. */
  settle(): void {
    const merged: [number, number][] = [];
    for (const run of [...this.runs].sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (last && run[0] <= last[1] + 1) last[1] = Math.max(last[1], run[1]);
      else merged.push([...run]);
    }
    this.runs = merged;
  }

  covers(from: number, to: number): boolean {
    let low = 0;
    let high = this.runs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [start, end] = this.runs[mid]!;
      if (from < start) high = mid - 1;
      else if (from > end) low = mid + 1;
      else return to <= end;
    }
    return from > to;
  }
}

/**
 * Checks every stream's chain, the log against the tree its follower built, and both against the
 * latest signed checkpoint, naming the stream, the event and the kind of damage for each finding.
 * It walks the log beside the stored leaves and keeps a head per stream: its memory grows with the
 * number of streams (and of the damage it finds), not with the number of events.
 */
export const verifyLog = async (
  store: EventStore,
  tree: LogTree,
  options: VerifyLogOptions,
): Promise<LogVerification> => {
  const findings: EvidenceFinding[] = [];
  const gapFree = options.gapFreePositions ?? (store.kind === 'sqlite' || store.kind === 'memory');
  const batchSize = options.batchSize ?? 5000;
  const stored = new LeavesBesideLog(tree, (await tree.head()).size);

  const candidates: { note: string; source: string; event?: Place }[] = [
    ...(options.externalCheckpoints ?? []),
  ];
  const heads = new Map<string, { version: number; hash: string }>();
  const gaps: { from: number; to: number; event: Place }[] = [];
  let logSize = 0;
  let lastPosition = 0;
  let checkpoint: LogCheckpoint = LOG_START;

  for (;;) {
    const batch = await store.readAll(checkpoint, batchSize);
    if (batch.events.length === 0) break;
    const leaves = await stored.leavesOf(batch.events);
    for (const event of batch.events) {
      if (event.globalPosition <= lastPosition && store.kind !== 'postgres') {
        findings.push({
          problem: 'GLOBAL_ORDER',
          ...at(event),
          message: 'Global position does not increase',
        });
      } else if (gapFree && event.globalPosition !== lastPosition + 1) {
        gaps.push({ from: lastPosition + 1, to: event.globalPosition - 1, event: at(event) });
      }
      lastPosition = Math.max(lastPosition, event.globalPosition);
      const head = heads.get(event.streamId);
      findings.push(...checkLink(event, head ? { version: head.version, hash: head.hash } : undefined));
      heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
      logSize += 1;

      const leaf = leaves.get(event.eventId);
      if (leaf) {
        stored.meet(leaf.index);
        if (leaf.eventHash !== event.hash) {
          findings.push({
            problem: 'EVENT_CHANGED',
            ...at(event),
            leafIndex: leaf.index,
            message: `Event ${event.streamId}@${event.streamVersion} was recorded in the log tree as leaf ${leaf.index} with hash ${leaf.eventHash}; it now hashes to ${event.hash}`,
          });
        }
      } else if (logSize <= stored.size) {
        findings.push({
          problem: 'EVENT_INSERTED',
          ...at(event),
          message: `Event ${event.streamId}@${event.streamVersion} sits inside the part of the log the tree follower has taken in, but the tree never saw it`,
        });
      }
      if (event.streamId === CHECKPOINT_STREAM && event.type === CHECKPOINT_SIGNED) {
        const data = event.data as CheckpointSignedData;
        candidates.push({
          note: data.note,
          source: `${CHECKPOINT_STREAM}@${event.streamVersion}`,
          event: at(event),
        });
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

  const deletedPositions = new PositionRuns();
  for await (const leaf of stored.neverMet(batchSize)) {
    deletedPositions.add(leaf.globalPosition!);
    findings.push({
      problem: 'EVENT_DELETED',
      ...leafPlace(leaf),
      leafIndex: leaf.index,
      message: `Event ${leaf.streamId}@${leaf.streamVersion} (global position ${leaf.globalPosition}, leaf ${leaf.index}) was in the log and is gone`,
    });
  }
  deletedPositions.settle();
  for (const gap of gaps) {
    if (!deletedPositions.covers(gap.from, gap.to))
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
  const since = options.since
    ? openCheckpoint(options.since.note, options.verifiers, options.origin)
    : undefined;
  const kept = since?.ok ? since.checkpoint : undefined;
  const proof = kept ? sinceProof(kept, latest?.checkpoint ?? null, logSize) : undefined;
  const prefixes = await prefixesOfLog(store, logSize, batchSize, {
    roots: [...opened.map((o) => o.checkpoint.treeSize), ...(proof ? [proof.to] : [])],
    headsAt: latest?.checkpoint.treeSize,
    proof,
  });

  if (latest)
    await checkAgainstCheckpoint(latest.checkpoint, latest.source, logSize, prefixes, tree, findings);
  for (const [i, older] of opened.entries()) {
    const root = older.checkpoint.treeSize <= logSize ? prefixes.root(older.checkpoint.treeSize) : null;
    if (i > 0 && root && !root.equals(older.checkpoint.rootHash))
      findings.push({
        problem: 'NOT_CONSISTENT',
        message: `The checkpoint of ${older.checkpoint.treeSize} events (${older.source}, ${older.checkpoint.time}) is not a prefix of today's log`,
      });
  }

  const consistency =
    options.since && since
      ? checkSince(options.since, since, latest?.checkpoint ?? null, logSize, prefixes, findings)
      : undefined;

  const damaged = new Set(
    findings.map((f) => f.streamId).filter((s): s is string => !!s && s !== CHECKPOINT_STREAM),
  );
  return {
    ok: findings.length === 0,
    eventsChecked: logSize,
    streamsChecked: heads.size,
    treeSize: stored.size,
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

/**
 * Where a consistency proof from the kept checkpoint ends: at the latest signed checkpoint when it
 * is at least as new and the log still holds it, else at the log's own end. A log cut shorter than
 * its latest checkpoint is that checkpoint's LOG_TRUNCATED; the kept one is still proved against
 * what is left, when enough is.
 */
const sinceEnd = (
  kept: SignedCheckpoint,
  latest: SignedCheckpoint | null,
  logSize: number,
): { to: number; toSigned: boolean } =>
  latest && latest.treeSize >= kept.treeSize && latest.treeSize <= logSize
    ? { to: latest.treeSize, toSigned: true }
    : { to: logSize, toSigned: false };

/** The sizes a consistency proof from the kept checkpoint runs between, when the log is long enough. */
const sinceProof = (
  kept: SignedCheckpoint,
  latest: SignedCheckpoint | null,
  logSize: number,
): { from: number; to: number } | undefined => {
  const { to } = sinceEnd(kept, latest, logSize);
  return to < kept.treeSize ? undefined : { from: kept.treeSize, to };
};

interface LogPrefixes {
  /** RFC 9162 MTH of the log's first `size` events. */
  root(size: number): Hash;
  /** The heads of every stream after the first `headsAt` events. */
  heads: StreamHead[];
  proof: Hash[];
}

/**
 * What the checkpoint checks need from the log's first events, in one more walk over them: the
 * roots of the wanted prefixes, folded with a compact range, the stream heads after one prefix,
 * and the subtrees a consistency proof asks for. O(log n) hashes, never a hash per event.
 */
const prefixesOfLog = async (
  store: EventStore,
  logSize: number,
  batchSize: number,
  wanted: { roots: readonly number[]; headsAt?: number; proof?: { from: number; to: number } },
): Promise<LogPrefixes> => {
  const rootSizes = new Set(wanted.roots.filter((size) => size <= logSize));
  const headsAt = wanted.headsAt !== undefined && wanted.headsAt <= logSize ? wanted.headsAt : 0;
  const proofNodes = new Map<string, Hash | null>();
  if (wanted.proof)
    consistencyProof(wanted.proof.from, wanted.proof.to, (level, index) => {
      proofNodes.set(`${level}:${index}`, null);
      return EMPTY_TREE_ROOT;
    });
  const end = Math.max(headsAt, wanted.proof?.to ?? 0, ...rootSizes);

  const roots = new Map<number, Hash>();
  const heads = new Map<string, StreamHead>();
  const range = CompactRange.empty();
  if (rootSizes.has(0)) roots.set(0, range.root());
  let checkpoint: LogCheckpoint = LOG_START;
  while (range.size < end) {
    const batch = await store.readAll(checkpoint, Math.min(batchSize, end - range.size));
    if (batch.events.length === 0) break;
    for (const e of batch.events.slice(0, end - range.size)) {
      if (range.size < headsAt)
        heads.set(e.streamId, { streamId: e.streamId, version: e.streamVersion, hash: e.hash });
      for (const node of range.append(eventLeafHash(e.hash))) {
        const key = `${node.level}:${node.index}`;
        if (proofNodes.has(key)) proofNodes.set(key, node.hash);
      }
      if (rootSizes.has(range.size)) roots.set(range.size, range.root());
    }
    checkpoint = batch.checkpoint;
  }
  const shortened = () => new Error(`The log holds fewer than ${end} events on a second reading of it`);
  const node = (level: number, index: number): Hash => {
    const hash = proofNodes.get(`${level}:${index}`);
    if (!hash) throw shortened();
    return hash;
  };
  return {
    root: (size) => {
      const root = roots.get(size);
      if (!root) throw shortened();
      return root;
    },
    heads: [...heads.values()],
    proof: wanted.proof ? consistencyProof(wanted.proof.from, wanted.proof.to, node) : [],
  };
};

const checkSince = (
  since: { note: string; source: string },
  verdict: ReturnType<typeof openCheckpoint>,
  latest: SignedCheckpoint | null,
  logSize: number,
  prefixes: LogPrefixes,
  findings: EvidenceFinding[],
): ConsistencyCheck | undefined => {
  if (!verdict.ok) {
    findings.push({
      problem: 'CHECKPOINT_INVALID',
      message: `The kept checkpoint ${since.source} is not valid (${verdict.reason}): ${verdict.message}`,
    });
    return undefined;
  }
  const kept = verdict.checkpoint;
  const { to, toSigned } = sinceEnd(kept, latest, logSize);
  if (to < kept.treeSize) {
    findings.push({
      problem: 'LOG_TRUNCATED',
      leafIndex: to,
      message: `The kept checkpoint ${since.source} commits to ${kept.treeSize} events; the log holds ${to}`,
    });
    return { from: kept.treeSize, to, toSigned, proof: [], ok: false };
  }
  const newRoot = toSigned ? latest!.rootHash : prefixes.root(to);
  const proof = prefixes.proof;
  const ok = verifyConsistency(kept.treeSize, to, kept.rootHash, newRoot, proof);
  if (!ok)
    findings.push({
      problem: 'NOT_CONSISTENT',
      message: `The log of ${to} events${toSigned ? ' signed ' + latest!.time : ''} does not extend the kept checkpoint of ${kept.treeSize} events (${since.source}, signed ${kept.time}): history before it was rewritten`,
    });
  return { from: kept.treeSize, to, toSigned, proof: proof.map((p) => p.toString('base64')), ok };
};

const checkAgainstCheckpoint = async (
  signed: SignedCheckpoint,
  source: string,
  logSize: number,
  prefixes: LogPrefixes,
  tree: LogTree,
  findings: EvidenceFinding[],
): Promise<void> => {
  const n = signed.treeSize;
  const what = `the checkpoint of ${n} events signed ${signed.time} by ${signed.keyName}+${signed.keyId} (${source})`;
  if (logSize < n) {
    findings.push({
      problem: 'LOG_TRUNCATED',
      leafIndex: logSize,
      message: `The log holds ${logSize} events; ${what} commits to ${n}: ${n - logSize === 1 ? '1 is' : `${n - logSize} are`} missing`,
    });
    return;
  }
  if (!prefixes.root(n).equals(signed.rootHash))
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
  const heads = streamHeadsRoot(prefixes.heads);
  if (heads.count !== signed.streamCount || !heads.root.equals(signed.headsRoot))
    findings.push({
      problem: 'STREAM_HEADS_MISMATCH',
      message: `The heads of the ${heads.count} streams after the first ${n} events do not match the ${signed.streamCount} stream heads committed by ${what}`,
    });
};
