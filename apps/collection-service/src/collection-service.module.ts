import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CollectionModule } from '@hemotrace/collection';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The collection context as its own service: donations; asks donors about eligibility through the shared read models. */
@Module({})
export class CollectionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(CollectionServiceModule, 'collection', CollectionModule, config);
  }
}
