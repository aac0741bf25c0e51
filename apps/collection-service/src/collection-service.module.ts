import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CollectionModule } from '@hemotrace/collection';
import { DonorsModule } from '@hemotrace/donors';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';
import { TracingModule } from '@hemotrace/observability';

/**
 * The collection context as its own service: donations, over read models of its own.
 *
 * Its cross-context precondition, "may this donor give this procedure now" (DonorEligibilityQuery):
 * - deferrals, the last screening, sex and birth date: from the donor's `Donor-` stream in the log
 *   of record (b), as in the all-in-one server;
 * - past donations (donation intervals): a copy of its own (a), the donation history folded from
 *   collection.DonationCompleted.v1 on Kafka into this service's schema
 *   (DonorsModule.eligibilityReplica), not the donors service's read model. The interval is also
 *   decided on collection's own `DonorDonations-` stream with an expected version, so a copy that
 *   lags never lets a donation inside the interval through.
 */
@Module({})
export class CollectionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    const service = contextServiceModule(CollectionServiceModule, 'collection', CollectionModule, config);
    /* Traces stay off unless HEMOTRACE_OTEL_EXPORTER / OTEL_TRACES_EXPORTER asks for them (README, Tracing). */
    return {
      ...service,
      imports: [...(service.imports ?? []), DonorsModule.eligibilityReplica('collection'), TracingModule],
    };
  }
}
