/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/traceability/contracts. Tools (CLI, bench, tests): @hemotrace/traceability/tooling. */
export { TraceabilityModule } from './traceability.module';
export { TraceQueries } from './read-models/trace/trace.query';
export type { Trace, TraceExport, TraceIntegrity } from './read-models/trace/trace.model';
export type { LineageEdge, LineageNode, NodeKind } from './read-models/lineage/lineage.model';
/* Lineage node ids are how a caller names the start of TraceQueries' lineage walk. */
export { nodeId } from './read-models/lineage/lineage.model';
export { ImpactQueries } from './read-models/investigations/impact.query';
export type {
  LookbackImpact,
  TracebackImpact,
  RecallImpact,
} from './read-models/investigations/impact.query';
export { InvestigationQueries } from './read-models/investigations/investigations.query';
export type { InvestigationView } from './read-models/investigations/investigations.projection';
export { FindingQueries } from './read-models/findings/findings.query';
export type { Finding } from './read-models/findings/conformance.projection';
export { QualityIndicatorQueries } from './read-models/quality/quality-indicators.query';
export type { QualityIndicators } from './read-models/quality/quality-indicators.query';
