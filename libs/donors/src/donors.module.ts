import type { DynamicModule, OnModuleInit, Type } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { IntegrationBus } from '@hemotrace/messaging';
import { INTEGRATION_BUS } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { donorProfileFor } from './domain/profiles';
import { DONOR_PROFILE, ELIGIBILITY_REPLICA_OF } from './donors.tokens';
import { DeferDonorHandler } from './features/defer-donor/defer-donor.handler';
import { DeferDonorHttpController } from './features/defer-donor/defer-donor.http.controller';
import { LiftDeferralHandler } from './features/lift-deferral/lift-deferral.handler';
import { LiftDeferralHttpController } from './features/lift-deferral/lift-deferral.http.controller';
import { DonorQueriesHttpController } from './features/query-donors/donor-queries.http.controller';
import { RegisterDonorHandler } from './features/register-donor/register-donor.handler';
import { RegisterDonorHttpController } from './features/register-donor/register-donor.http.controller';
import { ScreenDonorHandler } from './features/screen-donor/screen-donor.handler';
import { ScreenDonorHttpController } from './features/screen-donor/screen-donor.http.controller';
import { LaboratoryDeferralReactor } from './integration/laboratory-deferral.reactor';
import { donationHistoryProjection } from './read-models/donation-history.projection';
import { donorDeferralsProjection } from './read-models/donor-deferrals.projection';
import { DonorEligibilityQuery } from './read-models/donor-eligibility.query';
import { donorIdentityProjection } from './read-models/donor-identity.projection';
import { donorProfileProjection } from './read-models/donor-profile.projection';
import { DonorQueries } from './read-models/donor-queries';
import { DonorIdentityReader } from './read-models/donor-identity.reader';
import { EraseDonorPersonalDataHandler } from './features/erase-donor-personal-data/erase-donor-personal-data.handler';
import { EraseDonorPersonalDataHttpController } from './features/erase-donor-personal-data/erase-donor-personal-data.http.controller';
import { donorTypingProjection } from './read-models/donor-typing.projection';

/** Donor eligibility for other contexts (collection): queries only, no controllers or projections. */
@Module({
  providers: [
    { provide: DONOR_PROFILE, useFactory: (id: string) => donorProfileFor(id), inject: [REGULATORY_PROFILE] },
    DonorEligibilityQuery,
  ],
  exports: [DonorEligibilityQuery, DONOR_PROFILE],
})
export class DonorsQueriesModule {}

/**
 * A context service that asks about eligibility keeps its own copy of the donation history, in
 * its own read models, folded from collection.DonationCompleted.v1 on the bus under a consumer
 * group of its own; the donor's deferrals, screening, sex and birth date are read from the Donor
 * stream in the log of record. So it never reads the donors service's read models.
 */
@Module({ imports: [DonorsQueriesModule], exports: [DonorsQueriesModule] })
export class DonorEligibilityReplicaModule implements OnModuleInit {
  static readonly projectionName = (context: string): string => `${context}.donor-donation-history`;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(ELIGIBILITY_REPLICA_OF) private readonly context: string,
  ) {}

  onModuleInit(): void {
    this.bus.project({
      ...donationHistoryProjection,
      name: DonorEligibilityReplicaModule.projectionName(this.context),
    });
  }
}

/** Donors: registration (identity apart), screening, deferrals, donation history, rare-donor registry. */
@Module({
  imports: [DonorsQueriesModule],
  controllers: [
    DonorQueriesHttpController,
    RegisterDonorHttpController,
    ScreenDonorHttpController,
    DeferDonorHttpController,
    LiftDeferralHttpController,
    EraseDonorPersonalDataHttpController,
  ],
  providers: [
    RegisterDonorHandler,
    ScreenDonorHandler,
    DeferDonorHandler,
    LiftDeferralHandler,
    DonorQueries,
    DonorIdentityReader,
    EraseDonorPersonalDataHandler,
    LaboratoryDeferralReactor,
  ],
  exports: [DonorsQueriesModule],
})
export class DonorsModule implements OnModuleInit {
  /** For another context that asks about eligibility beside the donors context (the all-in-one server). */
  static queries(): Type<DonorsQueriesModule> {
    return DonorsQueriesModule;
  }

  /**
   * For the service of another context (`context`) that asks about eligibility without the donors
   * context in its process: the donation history comes to its own read models from the bus.
   */
  static eligibilityReplica(context: string): DynamicModule {
    return {
      module: DonorEligibilityReplicaModule,
      providers: [{ provide: ELIGIBILITY_REPLICA_OF, useValue: context }],
    };
  }

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    private readonly laboratoryDeferral: LaboratoryDeferralReactor,
  ) {}

  onModuleInit(): void {
    this.runner.addProjection(donorIdentityProjection);
    this.runner.addProjection(donorProfileProjection);
    this.runner.addProjection(donorDeferralsProjection);
    this.bus.project(donationHistoryProjection);
    this.bus.project(donorTypingProjection);
    this.bus.subscribe(this.laboratoryDeferral);
  }
}
