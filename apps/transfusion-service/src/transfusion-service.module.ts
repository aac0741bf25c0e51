import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TransfusionModule } from '@hemotrace/transfusion';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The transfusion context as its own service: hospital transfusion; publishes suspected transfusion-transmitted infections. */
@Module({})
export class TransfusionServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(TransfusionServiceModule, 'transfusion', TransfusionModule, config);
  }
}
