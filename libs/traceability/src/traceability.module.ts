import type { OnModuleInit } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import type { Projection } from '@hemotrace/event-sourcing';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { ContractMapping, ContractProjection, IntegrationBus } from '@hemotrace/messaging';
import { ContractRegistry, INTEGRATION_BUS } from '@hemotrace/messaging';
import { unitQuarantineRequestedV1 } from './contracts/unit-quarantine-requested.v1';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { EvidenceReportsHttpController } from './features/evidence-reports/evidence-reports.http.controller';
import { PreviewRecallHttpController } from './features/preview-recall/preview-recall.http.controller';
import { WorkbenchSessionHttpController } from './features/workbench-session/workbench-session.http.controller';
import { AuditFindingsHttpController } from './features/audit-findings/audit-findings.http.controller';
import { QualityIndicatorsHttpController } from './features/quality-indicators/quality-indicators.http.controller';
import { ConformanceProjection } from './read-models/findings/conformance.projection';
import { FindingQueries } from './read-models/findings/findings.query';
import { QualityCountersProjection } from './read-models/quality/quality-counters.projection';
import { QualityIndicatorQueries } from './read-models/quality/quality-indicators.query';
import { ListInvestigationsHttpController } from './features/list-investigations/list-investigations.http.controller';
import { InvestigationResultsHttpController } from './features/investigation-results/investigation-results.http.controller';
import { LookbackOnConfirmedPositiveReactor } from './features/open-lookback/lookback-on-confirmed-positive.reactor';
import { OpenLookbackHandler } from './features/open-lookback/open-lookback.handler';
import { OpenLookbackHttpController } from './features/open-lookback/open-lookback.http.controller';
import { OpenRecallHandler } from './features/open-recall/open-recall.handler';
import { OpenRecallHttpController } from './features/open-recall/open-recall.http.controller';
import { OpenTracebackHandler } from './features/open-traceback/open-traceback.handler';
import { OpenTracebackHttpController } from './features/open-traceback/open-traceback.http.controller';
import { TracebackOnSuspectedInfectionReactor } from './features/open-traceback/traceback-on-suspected-infection.reactor';
import { RecordInvestigationStepHandler } from './features/record-investigation-step/record-investigation-step.handler';
import { RecordInvestigationStepHttpController } from './features/record-investigation-step/record-investigation-step.http.controller';
import { TraceHttpController } from './features/trace/trace.http.controller';
import { ImpactQueries } from './read-models/investigations/impact.query';
import { InvestigationResultQueries } from './read-models/investigations/investigation-results.query';
import { InvestigationsProjection } from './read-models/investigations/investigations.projection';
import { InvestigationQueries } from './read-models/investigations/investigations.query';
import { LineageGraphProjection } from './read-models/lineage/lineage-graph.projection';
import { LineageStreamsProjection } from './read-models/lineage/lineage-streams.projection';
import { TraceQueries } from './read-models/trace/trace.query';

/** Traces, integrity exports, investigations (lookback, traceback, recall), audit findings and indicators. */
@Module({
  controllers: [
    TraceHttpController,
    OpenLookbackHttpController,
    OpenTracebackHttpController,
    OpenRecallHttpController,
    RecordInvestigationStepHttpController,
    ListInvestigationsHttpController,
    InvestigationResultsHttpController,
    AuditFindingsHttpController,
    QualityIndicatorsHttpController,
    EvidenceReportsHttpController,
    PreviewRecallHttpController,
    WorkbenchSessionHttpController,
  ],
  providers: [
    TraceQueries,
    ImpactQueries,
    InvestigationQueries,
    InvestigationResultQueries,
    FindingQueries,
    QualityIndicatorQueries,
    OpenLookbackHandler,
    OpenTracebackHandler,
    OpenRecallHandler,
    RecordInvestigationStepHandler,
    LookbackOnConfirmedPositiveReactor,
    TracebackOnSuspectedInfectionReactor,
  ],
  exports: [TraceQueries, ImpactQueries, InvestigationQueries, FindingQueries, QualityIndicatorQueries],
})
export class TraceabilityModule implements OnModuleInit {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    private readonly lookbackReactor: LookbackOnConfirmedPositiveReactor,
    private readonly tracebackReactor: TracebackOnSuspectedInfectionReactor,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
    private readonly contracts: ContractRegistry,
  ) {}

  onModuleInit(): void {
    this.contracts.registerContract(unitQuarantineRequestedV1 as ContractMapping);
    for (const projection of traceabilityProjections()) this.runner.addProjection(projection);
    for (const projection of traceabilityContractProjections(this.profile)) this.bus.project(projection);
    this.bus.subscribe(this.lookbackReactor);
    this.bus.subscribe(this.tracebackReactor);
  }
}

/** The projections of the context that follow the log: the server registers them, the CLI and the bench rebuild them. */
export const traceabilityProjections = (): Projection[] => [
  new LineageStreamsProjection(),
  new InvestigationsProjection(),
];

/** The ones fed by other contexts' contracts, through the bus (in the CLI, an in-process bus over the log). */
export const traceabilityContractProjections = (profile: string): ContractProjection[] => [
  new ConformanceProjection(profile),
  new QualityCountersProjection(),
  new LineageGraphProjection(),
];
