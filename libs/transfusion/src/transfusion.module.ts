import type { OnModuleInit } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { ProjectionRunner, upcasters } from '@hemotrace/event-sourcing';
import type { IntegrationBus } from '@hemotrace/messaging';
import { ContractRegistry, INTEGRATION_BUS } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { transfusionProfileFor } from './domain/profile/transfusion-profile';
import { patientUpcasters } from './domain/patient/patient.upcasters';
import { AdministerTransfusionHandler } from './features/administer-transfusion/administer-transfusion.handler';
import { AdministerTransfusionHttpController } from './features/administer-transfusion/administer-transfusion.http.controller';
import { AssessBloodFeeExemptionHandler } from './features/assess-blood-fee-exemption/assess-blood-fee-exemption.handler';
import { AssessBloodFeeExemptionHttpController } from './features/assess-blood-fee-exemption/assess-blood-fee-exemption.http.controller';
import { CrossmatchUnitHandler } from './features/crossmatch-unit/crossmatch-unit.handler';
import { CrossmatchUnitHttpController } from './features/crossmatch-unit/crossmatch-unit.http.controller';
import { IssueUnitToWardHandler } from './features/issue-unit-to-ward/issue-unit-to-ward.handler';
import { IssueUnitToWardHttpController } from './features/issue-unit-to-ward/issue-unit-to-ward.http.controller';
import { TransfusionQueriesHttpController } from './features/query-transfusion/transfusion-queries.http.controller';
import {
  RecordAntibodyIdentificationHandler,
  RecordHistoricalGroupHandler,
  RecordPatientSampleHandler,
} from './features/record-patient-sample/record-patient-sample.handler';
import { RecordPatientSampleHttpController } from './features/record-patient-sample/record-patient-sample.http.controller';
import { RegisterPatientHandler } from './features/register-patient/register-patient.handler';
import { RegisterPatientHttpController } from './features/register-patient/register-patient.http.controller';
import { ErasePatientPersonalDataHandler } from './features/erase-patient-personal-data/erase-patient-personal-data.handler';
import { ErasePatientPersonalDataHttpController } from './features/erase-patient-personal-data/erase-patient-personal-data.http.controller';
import { ReleaseEmergencyUnitHandler } from './features/release-emergency-unit/release-emergency-unit.handler';
import { ReleaseEmergencyUnitHttpController } from './features/release-emergency-unit/release-emergency-unit.http.controller';
import { ReportAdverseReactionHandler } from './features/report-adverse-reaction/report-adverse-reaction.handler';
import { ReportAdverseReactionHttpController } from './features/report-adverse-reaction/report-adverse-reaction.http.controller';
import { RequestTransfusionHandler } from './features/request-transfusion/request-transfusion.handler';
import { RequestTransfusionHttpController } from './features/request-transfusion/request-transfusion.http.controller';
import {
  ReturnUnitHandler,
  WasteUnitHandler,
} from './features/return-or-waste-unit/return-or-waste-unit.handler';
import { ReturnOrWasteUnitHttpController } from './features/return-or-waste-unit/return-or-waste-unit.http.controller';
import { TransfusionAccess } from './features/shared/transfusion-access';
import { VerifyAtBedsideHandler } from './features/verify-at-bedside/verify-at-bedside.handler';
import { VerifyAtBedsideHttpController } from './features/verify-at-bedside/verify-at-bedside.http.controller';
import { donorHistoryProjection } from './read-models/donor-history.projection';
import { haemovigilanceProjection } from './read-models/haemovigilance.projection';
import { hospitalStockProjection } from './read-models/hospital-stock.projection';
import { patientRecordsProjection } from './read-models/patient-records.projection';
import { TransfusionQueries } from './read-models/transfusion.queries';
import { TRANSFUSION_PROFILE } from './transfusion.tokens';
import { transfusionIntegrationContracts } from './integration/transfusion.integration-contracts';

/**
 * Hospital transfusion: patients, samples, requests, crossmatch and allocation, emergency release,
 * issue, bedside check, administration, adverse reactions, returns and waste, donor fee exemption.
 * Each hospital (actor.siteId) sees only its own patients, requests and stock.
 */
@Module({
  controllers: [
    RegisterPatientHttpController,
    ErasePatientPersonalDataHttpController,
    RecordPatientSampleHttpController,
    AssessBloodFeeExemptionHttpController,
    RequestTransfusionHttpController,
    CrossmatchUnitHttpController,
    ReleaseEmergencyUnitHttpController,
    IssueUnitToWardHttpController,
    VerifyAtBedsideHttpController,
    AdministerTransfusionHttpController,
    ReportAdverseReactionHttpController,
    ReturnOrWasteUnitHttpController,
    TransfusionQueriesHttpController,
  ],
  providers: [
    {
      provide: TRANSFUSION_PROFILE,
      useFactory: (id: string) => transfusionProfileFor(id),
      inject: [REGULATORY_PROFILE],
    },
    TransfusionQueries,
    TransfusionAccess,
    RegisterPatientHandler,
    ErasePatientPersonalDataHandler,
    RecordPatientSampleHandler,
    RecordAntibodyIdentificationHandler,
    RecordHistoricalGroupHandler,
    AssessBloodFeeExemptionHandler,
    RequestTransfusionHandler,
    CrossmatchUnitHandler,
    ReleaseEmergencyUnitHandler,
    IssueUnitToWardHandler,
    VerifyAtBedsideHandler,
    AdministerTransfusionHandler,
    ReportAdverseReactionHandler,
    ReturnUnitHandler,
    WasteUnitHandler,
  ],
  exports: [TransfusionQueries],
})
export class TransfusionModule implements OnModuleInit {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly contracts: ContractRegistry,
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
  ) {}

  onModuleInit(): void {
    upcasters.register(...patientUpcasters);
    for (const contract of transfusionIntegrationContracts) this.contracts.registerContract(contract);
    this.runner.addProjection(patientRecordsProjection);
    this.bus.project(hospitalStockProjection);
    this.runner.addProjection(haemovigilanceProjection);
    this.bus.project(donorHistoryProjection);
  }
}
