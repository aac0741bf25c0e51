import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DonorsModule } from '@hemotrace/donors';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The donors context as its own service: registration, screening, deferrals (a confirmed positive from laboratory defers for life). */
@Module({})
export class DonorsServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(DonorsServiceModule, 'donors', DonorsModule, config);
  }
}
