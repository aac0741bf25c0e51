import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { LaboratoryModule } from '@hemotrace/laboratory';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The laboratory context as its own service: testing and conclusions; publishes DonationQualified, DonationRejected, DonorConfirmedPositive. */
@Module({})
export class LaboratoryServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(LaboratoryServiceModule, 'laboratory', LaboratoryModule, config);
  }
}
