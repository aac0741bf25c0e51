import type { IntegrityFinding, RecordedEvent } from '@hemotrace/event-sourcing';
import type { Actor, LateEntry } from '@hemotrace/kernel';
import type { LineageEdge, LineageNode, NodeKind } from '../lineage/lineage.model';

export interface TraceEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  /** When it happened, and when the system recorded it. */
  occurredAt: string;
  recordedAt: string;
  who: Pick<Actor, 'userId' | 'role'>;
  where: string;
  why: { causationId: string | null; correlationId: string; commandId: string | null };
  data: unknown;
  prevHash: string;
  hash: string;
  /** Entered later than the profile's threshold after it happened: why, and how late. */
  lateEntry?: LateEntry;
}

export type TraceIntegrityProblem = IntegrityFinding['problem'] | 'MISSING_EVENTS' | 'FOREIGN_EVENT';

export interface TraceIntegrityFinding extends Omit<IntegrityFinding, 'problem'> {
  problem: TraceIntegrityProblem;
}

export interface TraceIntegrity {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  findings: TraceIntegrityFinding[];
}

export interface TraceSubject {
  kind: NodeKind;
  id: string;
}

export interface Trace {
  subject: TraceSubject;
  asOf: string | null;
  lineage: {
    donors: string[];
    donations: string[];
    units: string[];
    shipments: string[];
    consignees: string[];
    patients: string[];
    nodes: LineageNode[];
    edges: LineageEdge[];
  };
  streams: string[];
  events: TraceEvent[];
  integrity: TraceIntegrity;
  /** People in this trace whose identity was erased (crypto-shredded): their history stays here. */
  erasedIdentities: ErasedIdentity[];
}

export interface ErasedIdentity {
  kind: 'donor' | 'patient';
  id: string;
  erasedAt: string;
  legalBasis: string;
}

export interface ExportedStream {
  streamId: string;
  /** The last version and hash the read model saw; an export missing trailing events shows it. */
  head: { version: number; hash: string; recordedAt: string } | null;
  events: RecordedEvent[];
}

export const TRACE_EXPORT_FORMAT = 'hemotrace.trace-export';

export interface TraceExport {
  format: typeof TRACE_EXPORT_FORMAT;
  formatVersion: 1;
  exportedAt: string;
  subject: TraceSubject;
  asOf: string | null;
  lineage: Trace['lineage'];
  streams: ExportedStream[];
  integrity: TraceIntegrity;
}
