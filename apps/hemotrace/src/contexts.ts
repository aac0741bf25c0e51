import type { Type } from '@nestjs/common';
import { CollectionModule } from '@hemotrace/collection';
import { DonorsModule } from '@hemotrace/donors';
import { LaboratoryModule } from '@hemotrace/laboratory';
import { ComponentsModule } from '@hemotrace/components';
import { DistributionModule } from '@hemotrace/distribution';
import { TraceabilityModule } from '@hemotrace/traceability';
import { TransfusionModule } from '@hemotrace/transfusion';
import { SitesModule } from '@hemotrace/sites';

/** The bounded contexts wired into the all-in-one server. */
export const CONTEXT_MODULES: Type<unknown>[] = [
  DonorsModule,
  CollectionModule,
  LaboratoryModule,
  ComponentsModule,
  DistributionModule,
  TraceabilityModule,
  TransfusionModule,
  SitesModule,
];
