import type { OnModuleInit, Type } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { IntegrationBus } from '@hemotrace/messaging';
import { INTEGRATION_BUS } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { donorProfileFor } from './domain/profiles';
import { DONOR_PROFILE } from './donors.tokens';
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
  /** For a service of another context that asks about eligibility (the read models are shared). */
  static queries(): Type<DonorsQueriesModule> {
    return DonorsQueriesModule;
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
