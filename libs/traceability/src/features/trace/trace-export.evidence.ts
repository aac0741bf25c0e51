import type {
  ExportEvidence,
  ExportProver,
  ProvenEvent,
  RecordedEvent,
  StreamDamage,
  StreamEvidence,
} from '@hemotrace/event-sourcing';
import { verifyTraceStreams } from '../../read-models/trace/trace-integrity';
import type { ExportedStream, Trace, TraceExport } from '../../read-models/trace/trace.model';

export interface ProvenTraceExport extends Omit<TraceExport, 'formatVersion' | 'streams'> {
  formatVersion: 2;
  scope: null;
  streams: (ExportedStream & { events: ProvenEvent[] })[];
  evidence: ExportEvidence;
}

/**
 * The trace export with its proofs (docs/export-format.md): the events re-read at a fresh signed
 * checkpoint, each with its inclusion proof, and the signed manifest of every stream in scope.
 */
export const withEvidence = async (
  exported: TraceExport,
  prover: ExportProver,
): Promise<ProvenTraceExport> => {
  const heads = new Map(exported.streams.map((s) => [s.streamId, s.head]));
  const proven = await prover.prove(
    {
      exportedAt: exported.exportedAt,
      subject: exported.subject,
      asOf: exported.asOf,
      lineage: exported.lineage,
      scope: null,
    },
    exported.streams.map((s) => s.streamId),
  );
  const streams = proven.streams.map((s) => ({ ...s, head: heads.get(s.streamId) ?? null }));
  return {
    format: exported.format,
    formatVersion: 2,
    exportedAt: exported.exportedAt,
    subject: exported.subject,
    asOf: exported.asOf,
    lineage: exported.lineage,
    scope: null,
    streams,
    integrity: verifyTraceStreams(streams, exported.asOf),
    evidence: proven.evidence,
  };
};

/**
 * Damage is never served as truth: a trace built from a stream the log's evidence says was
 * changed or truncated says so, even after its read models were rebuilt from the damaged log.
 */
export const withDamage = async (
  trace: Trace,
  evidence: StreamEvidence,
): Promise<Trace & { damage: StreamDamage }> => {
  const byStream = new Map<string, RecordedEvent[]>(trace.streams.map((s) => [s, []]));
  for (const e of trace.events) byStream.get(e.streamId)?.push(e as unknown as RecordedEvent);
  const damage = await evidence.damageIn(
    [...byStream.entries()].map(([streamId, events]) => ({
      streamId,
      events: events.sort((a, b) => a.streamVersion - b.streamVersion),
    })),
    trace.asOf,
  );
  return {
    ...trace,
    integrity: damage.ok ? trace.integrity : { ...trace.integrity, ok: false },
    damage,
  };
};
