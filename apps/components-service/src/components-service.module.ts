import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ComponentsModule } from '@hemotrace/components';
import type { HemotraceConfig } from '@hemotrace/platform';
import { contextServiceModule } from '@hemotrace/messaging';

/** The components context as its own service: units; releases or discards them on the laboratory's conclusion from Kafka. */
@Module({})
export class ComponentsServiceModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return contextServiceModule(ComponentsServiceModule, 'components', ComponentsModule, config);
  }
}
