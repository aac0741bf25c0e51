/* For tools that run the context outside its module (apps/cli, bench, test); no lib imports it. */
export { traceabilityContractProjections, traceabilityProjections } from './traceability.module';
export { LINEAGE } from './read-models/lineage/lineage.model';
export { LineageGraphProjection } from './read-models/lineage/lineage-graph.projection';
export { LineageStreamsProjection } from './read-models/lineage/lineage-streams.projection';
export { TRACE_EXPORT_FORMAT } from './read-models/trace/trace.model';
export { verifyTraceStreams } from './read-models/trace/trace-integrity';
export {
  auditConsistency,
  ConsistencyAudit,
  CONSISTENCY_RULES,
} from './features/audit-consistency/consistency-audit';
export type {
  AuditedEvent,
  ConsistencyFinding,
  ConsistencyRule,
} from './features/audit-consistency/consistency-audit';
