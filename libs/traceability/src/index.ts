export * from './traceability.module';
export * from './contracts';
export * from './read-models/lineage/lineage.model';
export { LineageGraph } from './read-models/lineage/lineage.graph';
export { LineageProjection } from './read-models/lineage/lineage.projection';
export * from './read-models/trace/trace.model';
export { verifyTraceStreams } from './read-models/trace/trace-integrity';
export { TraceQueries } from './read-models/trace/trace.query';
export { ImpactQueries } from './read-models/investigations/impact.query';
export type {
  LookbackImpact,
  TracebackImpact,
  RecallImpact,
} from './read-models/investigations/impact.query';
export { InvestigationQueries } from './read-models/investigations/investigations.query';
export type { InvestigationView } from './read-models/investigations/investigations.projection';
export { FindingQueries, parsePeriod } from './read-models/findings/findings.query';
export type { Finding } from './read-models/findings/conformance.projection';
export { FINDING_RULES } from './domain/conformance/conformance.rules';
export { QualityIndicatorQueries } from './read-models/quality/quality-indicators.query';
export type { QualityIndicators } from './read-models/quality/quality-indicators.query';
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
