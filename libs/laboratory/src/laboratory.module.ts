import type { OnModuleInit } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { IntegrationBus } from '@hemotrace/messaging';
import { ContractRegistry, INTEGRATION_BUS } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { laboratoryProfile } from './domain/profiles';
import { ConcludeTestingHandler } from './features/conclude-testing/conclude-testing.handler';
import { ConcludeTestingHttpController } from './features/conclude-testing/conclude-testing.http.controller';
import { CorrectResultHandler } from './features/correct-result/correct-result.handler';
import { CorrectResultHttpController } from './features/correct-result/correct-result.http.controller';
import { CollectedDonationReader } from './features/collected-donation.reader';
import { DonationTestingRunner } from './features/donation-testing.runner';
import { DonorBloodGroupRecord } from './features/donor-blood-group.record';
import { LaboratoryQueriesHttpController } from './features/query-laboratory/laboratory-queries.http.controller';
import { ReceiveSampleHandler } from './features/receive-sample/receive-sample.handler';
import { ReceiveSampleHttpController } from './features/receive-sample/receive-sample.http.controller';
import { RecordAntibodyScreenHandler } from './features/record-antibody-screen/record-antibody-screen.handler';
import { RecordAntibodyScreenHttpController } from './features/record-antibody-screen/record-antibody-screen.http.controller';
import { RecordBloodGroupHandler } from './features/record-blood-group/record-blood-group.handler';
import { RecordBloodGroupHttpController } from './features/record-blood-group/record-blood-group.http.controller';
import { RecordConfirmatoryResultHandler } from './features/record-confirmatory-result/record-confirmatory-result.handler';
import { RecordConfirmatoryResultHttpController } from './features/record-confirmatory-result/record-confirmatory-result.http.controller';
import { RecordMarkerResultHandler } from './features/record-marker-result/record-marker-result.handler';
import { RecordMarkerResultHttpController } from './features/record-marker-result/record-marker-result.http.controller';
import { RecordPhenotypeHandler } from './features/record-phenotype/record-phenotype.handler';
import { RecordPhenotypeHttpController } from './features/record-phenotype/record-phenotype.http.controller';
import { laboratoryIntegrationContracts } from './integration/laboratory.integration-contracts';
import { LABORATORY_PROFILE } from './laboratory.tokens';
import { collectedDonationsProjection } from './read-models/collected-donations.projection';
import { donorGroupsProjection } from './read-models/donor-groups.projection';
import { laboratoryDonationsProjection } from './read-models/laboratory-donations.projection';
import { LaboratoryQueries } from './read-models/laboratory.queries';

/** Laboratory: sample receipt, ABO/RhD, antibody screen, phenotype, infectious markers, conclusion, corrections. */
@Module({
  controllers: [
    LaboratoryQueriesHttpController,
    ReceiveSampleHttpController,
    RecordBloodGroupHttpController,
    RecordAntibodyScreenHttpController,
    RecordPhenotypeHttpController,
    RecordMarkerResultHttpController,
    RecordConfirmatoryResultHttpController,
    CorrectResultHttpController,
    ConcludeTestingHttpController,
  ],
  providers: [
    {
      provide: LABORATORY_PROFILE,
      useFactory: (id: string) => laboratoryProfile(id),
      inject: [REGULATORY_PROFILE],
    },
    LaboratoryQueries,
    DonationTestingRunner,
    CollectedDonationReader,
    DonorBloodGroupRecord,
    ReceiveSampleHandler,
    RecordBloodGroupHandler,
    RecordAntibodyScreenHandler,
    RecordPhenotypeHandler,
    RecordMarkerResultHandler,
    RecordConfirmatoryResultHandler,
    CorrectResultHandler,
    ConcludeTestingHandler,
  ],
  exports: [LaboratoryQueries, LABORATORY_PROFILE],
})
export class LaboratoryModule implements OnModuleInit {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly contracts: ContractRegistry,
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
  ) {}

  onModuleInit(): void {
    for (const contract of laboratoryIntegrationContracts) this.contracts.registerContract(contract);
    this.contracts.registerStreamCategory('DonorBloodGroup', 'laboratory');
    this.runner.addProjection(laboratoryDonationsProjection);
    this.runner.addProjection(donorGroupsProjection);
    this.bus.project(collectedDonationsProjection);
  }
}
