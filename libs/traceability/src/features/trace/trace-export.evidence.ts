import type { ExportEvidence, ExportProver, ProvenEvent } from '@hemotrace/event-sourcing';
import { verifyTraceStreams } from '../../read-models/trace/trace-integrity';
import type { ExportedStream, TraceExport } from '../../read-models/trace/trace.model';

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
