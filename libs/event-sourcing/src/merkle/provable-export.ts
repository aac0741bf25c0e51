import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical';
import type { RecordedEvent } from '../envelope';
import { GENESIS_HASH } from '../envelope';
import type { EventStore } from '../event-store.port';
import { computeEventHash } from '../hash-chain';
import { openCheckpoint, sortStreamHeads, streamHeadLeaf } from './checkpoint';
import type { CheckpointWriter } from './checkpoint-writer';
import type { LogTree } from './log-tree';
import { eventLeafHash, inclusionProof, subtreesOfLeaves, verifyInclusion } from './merkle-tree';
import type { NoteSigner, NoteVerifier } from './signed-note';
import { signNote, verifyNote } from './signed-note';

/**
 * Evidence that an export is complete and came from the log (docs/export-format.md): a fresh
 * signed checkpoint, a manifest of every stream in scope with its head at that checkpoint (proven
 * in the checkpoint's stream-heads tree), an inclusion proof per event, and a signed statement
 * over the export's own content (subject, lineage, scope, manifest).
 */
export interface ManifestEntry {
  streamId: string;
  version: number;
  hash: string;
  /** Position in the sorted stream-heads tree and the inclusion proof there (base64 hashes). */
  headIndex: number | null;
  headProof: string[];
}

export interface ProvenEvent extends RecordedEvent {
  proof: { leafIndex: number; hashes: string[] };
}

export interface ExportEvidence {
  checkpoint: string;
  keyName: string;
  keyId: string;
  manifest: ManifestEntry[];
  /** Signed note whose third line is base64 SHA-256 of the canonical statement content. */
  statement: string;
}

export interface ExportBody {
  exportedAt: string;
  subject: unknown;
  asOf: string | null;
  lineage: unknown;
  /** What the export answers (a lookback's window, a recall's criteria); null for a trace. */
  scope?: unknown;
}

export interface ProvableExport extends ExportBody {
  streams: { streamId: string; events: ProvenEvent[] }[];
  evidence: ExportEvidence;
}

export const EXPORT_PROVER = Symbol('ExportProver');

export interface ExportProver {
  prove<B extends ExportBody>(
    body: B,
    streamIds: readonly string[],
  ): Promise<B & Pick<ProvableExport, 'streams' | 'evidence'>>;
}

const b64 = (h: Buffer) => h.toString('base64');

/** The signed content of an export: everything that is not an event (events are proven by the tree). */
export const statementDigest = (body: ExportBody, manifest: readonly ManifestEntry[]): string =>
  createHash('sha256')
    .update(
      canonicalJson({
        exportedAt: body.exportedAt,
        subject: body.subject,
        asOf: body.asOf,
        lineage: body.lineage,
        scope: body.scope ?? null,
        manifest: manifest.map((m) => ({ streamId: m.streamId, version: m.version, hash: m.hash })),
      }),
      'utf8',
    )
    .digest('base64');

const statementText = (origin: string, treeSize: number, digest: string) =>
  `${origin}/export\n${treeSize}\n${digest}\n`;

export class LogExportProver implements ExportProver {
  constructor(
    private readonly store: EventStore,
    private readonly tree: LogTree,
    private readonly writer: CheckpointWriter,
    private readonly signer: NoteSigner,
    private readonly origin: string,
  ) {}

  async prove<B extends ExportBody>(body: B, streamIds: readonly string[]) {
    const signed = await this.writer.writeWithHeads();
    const { checkpoint, heads } = signed!;
    const n = checkpoint.treeSize;
    const sorted = sortStreamHeads(heads);
    const headLeaves = sorted.map(streamHeadLeaf);
    const headNodes = subtreesOfLeaves(headLeaves);
    const headIndex = new Map(sorted.map((h, i) => [h.streamId, i]));
    const byStream = new Map(heads.map((h) => [h.streamId, h]));
    const recordedUpTo = body.asOf ?? undefined;

    const streams: { streamId: string; events: ProvenEvent[] }[] = [];
    const manifest: ManifestEntry[] = [];
    for (const streamId of [...new Set(streamIds)].sort()) {
      const read = await this.store.readStream(streamId, { recordedUpTo });
      const leaves = new Map(
        (await this.tree.leavesOf(read.map((e) => e.eventId))).map((l) => [l.eventId!, l]),
      );
      const events: ProvenEvent[] = [];
      for (const event of read) {
        const leaf = leaves.get(event.eventId);
        if (!leaf || leaf.index >= n) break;
        const hashes = (await this.tree.inclusionProof(leaf.index, n)).map(b64);
        events.push({ ...event, proof: { leafIndex: leaf.index, hashes } });
      }
      streams.push({ streamId, events });
      const head = byStream.get(streamId);
      const index = headIndex.get(streamId);
      const last = events.at(-1);
      const proven = body.asOf === null && head !== undefined && index !== undefined;
      manifest.push({
        streamId,
        version: proven ? head.version : (last?.streamVersion ?? 0),
        hash: proven ? head.hash : (last?.hash ?? GENESIS_HASH),
        headIndex: proven ? index : null,
        headProof: proven ? inclusionProof(index, sorted.length, headNodes).map(b64) : [],
      });
    }
    const statement = signNote(statementText(this.origin, n, statementDigest(body, manifest)), this.signer);
    return {
      ...body,
      streams,
      evidence: {
        checkpoint: checkpoint.note,
        keyName: checkpoint.keyName,
        keyId: checkpoint.keyId,
        manifest,
        statement,
      },
    };
  }
}

export type ExportProblem =
  | 'NOT_AN_EXPORT'
  | 'CHECKPOINT_INVALID'
  | 'STATEMENT_INVALID'
  | 'CONTENT_EDITED'
  | 'HEAD_NOT_PROVEN'
  | 'STREAM_MISSING'
  | 'STREAM_NOT_IN_MANIFEST'
  | 'STREAM_TRUNCATED'
  | 'HASH_MISMATCH'
  | 'BROKEN_CHAIN'
  | 'VERSION_GAP'
  | 'NOT_IN_LOG';

export interface ExportFinding {
  problem: ExportProblem;
  streamId?: string;
  streamVersion?: number;
  eventId?: string;
  message: string;
}

export interface ExportProof {
  ok: boolean;
  treeSize: number | null;
  keyId: string | null;
  streamsChecked: number;
  eventsChecked: number;
  /** False for an `asOf` export: its heads are the last events exported, not proven against the checkpoint. */
  completenessProven: boolean;
  findings: ExportFinding[];
}

/** Origin, integrity and completeness of an export from the file and the public key alone. */
export const verifyProvableExport = (
  exported: ProvableExport,
  verifiers: readonly NoteVerifier[],
): ExportProof => {
  const findings: ExportFinding[] = [];
  const result = (
    treeSize: number | null,
    keyId: string | null,
    streams = 0,
    events = 0,
    complete = false,
  ) => ({
    ok: findings.length === 0,
    treeSize,
    keyId,
    streamsChecked: streams,
    eventsChecked: events,
    completenessProven: complete && findings.length === 0,
    findings,
  });
  const evidence = exported?.evidence;
  if (!evidence || !Array.isArray(exported.streams) || !Array.isArray(evidence.manifest)) {
    findings.push({
      problem: 'NOT_AN_EXPORT',
      message: 'The file carries no evidence (checkpoint, manifest, statement)',
    });
    return result(null, null);
  }
  const opened = openCheckpoint(evidence.checkpoint, verifiers);
  if (!opened.ok) {
    findings.push({
      problem: 'CHECKPOINT_INVALID',
      message: `The checkpoint does not verify: ${opened.message}`,
    });
    return result(null, null);
  }
  const cp = opened.checkpoint;
  const statement = verifyNote(evidence.statement, verifiers);
  const lines = statement.ok ? statement.text.split('\n') : [];
  if (!statement.ok || lines[0] !== `${cp.origin}/export` || Number(lines[1]) !== cp.treeSize) {
    findings.push({
      problem: 'STATEMENT_INVALID',
      message: statement.ok
        ? 'The statement is for another log or checkpoint'
        : `The statement does not verify: ${statement.message}`,
    });
  } else if (lines[2] !== statementDigest(exported, evidence.manifest)) {
    findings.push({
      problem: 'CONTENT_EDITED',
      message: 'The subject, lineage, scope, export time or manifest is not what was signed',
    });
  }
  let complete = true;
  const manifest = new Map(evidence.manifest.map((m) => [m.streamId, m]));
  for (const entry of evidence.manifest) {
    const proven =
      entry.headIndex !== null &&
      verifyInclusion(
        entry.headIndex,
        cp.streamCount,
        streamHeadLeaf(entry),
        entry.headProof.map((h) => Buffer.from(h, 'base64')),
        cp.headsRoot,
      );
    if (entry.headIndex === null) complete = false;
    else if (!proven)
      findings.push({
        problem: 'HEAD_NOT_PROVEN',
        streamId: entry.streamId,
        streamVersion: entry.version,
        message: `The head of ${entry.streamId} (version ${entry.version}) is not the one the checkpoint commits to`,
      });
  }
  const present = new Set(exported.streams.map((s) => s.streamId));
  for (const entry of evidence.manifest)
    if (!present.has(entry.streamId) && entry.version > 0)
      findings.push({
        problem: 'STREAM_MISSING',
        streamId: entry.streamId,
        message: `Stream ${entry.streamId} of the manifest is not in the export`,
      });
  let events = 0;
  for (const stream of exported.streams) {
    const entry = manifest.get(stream.streamId);
    if (!entry) {
      findings.push({
        problem: 'STREAM_NOT_IN_MANIFEST',
        streamId: stream.streamId,
        message: `Stream ${stream.streamId} is not in the signed manifest`,
      });
      continue;
    }
    let prev = GENESIS_HASH;
    let version = 0;
    for (const event of stream.events) {
      events += 1;
      const at = { streamId: stream.streamId, streamVersion: event.streamVersion, eventId: event.eventId };
      if (event.streamId !== stream.streamId || event.streamVersion !== version + 1)
        findings.push({
          problem: 'VERSION_GAP',
          ...at,
          message: `Version ${event.streamVersion} of ${event.streamId} follows version ${version} of ${stream.streamId}`,
        });
      if (event.prevHash !== prev)
        findings.push({
          problem: 'BROKEN_CHAIN',
          ...at,
          message: 'Previous-hash link does not match the preceding event',
        });
      if (computeEventHash(event.prevHash, event) !== event.hash)
        findings.push({ problem: 'HASH_MISMATCH', ...at, message: 'Event content does not match its hash' });
      const included = verifyInclusion(
        event.proof?.leafIndex ?? -1,
        cp.treeSize,
        eventLeafHash(event.hash),
        (event.proof?.hashes ?? []).map((h) => Buffer.from(h, 'base64')),
        cp.rootHash,
      );
      if (!included)
        findings.push({
          problem: 'NOT_IN_LOG',
          ...at,
          message: `Event ${event.streamId}@${event.streamVersion} is not in the log the checkpoint signs`,
        });
      prev = event.hash;
      version = event.streamVersion;
    }
    if (version !== entry.version || prev !== entry.hash)
      findings.push({
        problem: 'STREAM_TRUNCATED',
        streamId: stream.streamId,
        streamVersion: version,
        message: `Stream ${stream.streamId} ends at version ${version}; its head is version ${entry.version}`,
      });
  }
  return result(cp.treeSize, cp.keyId, exported.streams.length, events, complete);
};
