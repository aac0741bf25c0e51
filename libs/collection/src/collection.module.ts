import type { OnModuleInit } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DonorsModule } from '@hemotrace/donors';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import { ContractRegistry } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { COLLECTION_PROFILE } from './collection.tokens';
import { collectionProfileFor } from './domain/profiles/collection-profile';
import { AbortDonationHandler } from './features/abort-donation/abort-donation.handler';
import { AbortDonationHttpController } from './features/abort-donation/abort-donation.http.controller';
import { CompleteDonationHandler } from './features/complete-donation/complete-donation.handler';
import { CompleteDonationHttpController } from './features/complete-donation/complete-donation.http.controller';
import { LabelSampleTubesHandler } from './features/label-sample-tubes/label-sample-tubes.handler';
import { LabelSampleTubesHttpController } from './features/label-sample-tubes/label-sample-tubes.http.controller';
import { DinRegister } from './features/din-register.service';
import { DonorDonationsRegister } from './features/donor-donations.register';
import { DonationQueriesHttpController } from './features/query-donations/donation-queries.http.controller';
import { RecordAdverseReactionHandler } from './features/record-adverse-reaction/record-adverse-reaction.handler';
import { RecordAdverseReactionHttpController } from './features/record-adverse-reaction/record-adverse-reaction.http.controller';
import { StartDonationHandler } from './features/start-donation/start-donation.handler';
import { StartDonationHttpController } from './features/start-donation/start-donation.http.controller';
import { collectionIntegrationContracts } from './integration/collection.integration-contracts';
import { donationsProjection } from './read-models/donations.projection';

/**
 * Collection: a DIN per donation, whole blood or apheresis, completion or abort, reactions, sample tubes.
 *
 * What it asks of another context, and where the answer comes from: "may this donor give this
 * procedure now" (DonorEligibilityQuery). Deferrals, the last screening, sex and birth date: the
 * donor's `Donor-` stream in the log of record (b). Past donations, for the intervals: the donation
 * history folded from collection.DonationCompleted.v1: in the all-in-one server the donors
 * context's, in the collection service a copy of its own fed by Kafka (a,
 * DonorsModule.eligibilityReplica). The interval is decided again on collection's own
 * `DonorDonations-` stream with an expected version, whatever either copy has caught up.
 */
@Module({
  imports: [DonorsModule.queries()],
  controllers: [
    DonationQueriesHttpController,
    StartDonationHttpController,
    CompleteDonationHttpController,
    AbortDonationHttpController,
    RecordAdverseReactionHttpController,
    LabelSampleTubesHttpController,
  ],
  providers: [
    {
      provide: COLLECTION_PROFILE,
      useFactory: (id: string) => collectionProfileFor(id),
      inject: [REGULATORY_PROFILE],
    },
    DonorDonationsRegister,
    DinRegister,
    StartDonationHandler,
    CompleteDonationHandler,
    AbortDonationHandler,
    RecordAdverseReactionHandler,
    LabelSampleTubesHandler,
  ],
})
export class CollectionModule implements OnModuleInit {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly contracts: ContractRegistry,
  ) {}

  onModuleInit(): void {
    for (const contract of collectionIntegrationContracts) this.contracts.registerContract(contract);
    this.contracts.registerStreamCategory('DonorDonations', 'collection');
    this.contracts.registerStreamCategory('Din', 'collection');
    this.runner.addProjection(donationsProjection);
  }
}
