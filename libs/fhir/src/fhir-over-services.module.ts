import type { OnModuleDestroy } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ProductDefinitions, UnitQueries } from '@hemotrace/components';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { createPostgresPool, PostgresReadModelStore, resolvePostgresTarget } from '@hemotrace/event-sourcing';
import { defaultReadModelSchema } from '@hemotrace/messaging';
import type { HemotraceConfig, PersonalDataKeyStore } from '@hemotrace/platform';
import { HEMOTRACE_CONFIG, PERSONAL_DATA_KEYS } from '@hemotrace/platform';
import { TransfusionQueries } from '@hemotrace/transfusion';
import { FhirHttpController } from './fhir.http.controller';
import { FhirReads } from './fhir-reads.service';

const OWNERS_READ_MODELS = Symbol('FhirOwnersReadModels');

/** The components and transfusion services' read sides, opened read-only by use: FHIR writes nothing. */
class OwnersReadModels implements OnModuleDestroy {
  constructor(
    readonly components: ReadModelStore,
    readonly transfusion: ReadModelStore,
    private readonly closers: (() => Promise<void>)[],
  ) {}

  /* Its own pools, closed without dropping anything (a reader never drops an owner's `tmp_` schema). */
  static async open(config: HemotraceConfig): Promise<OwnersReadModels> {
    const databaseUrl = config.databaseUrl;
    if (!databaseUrl) throw new Error('FHIR in a context service needs DATABASE_URL');
    const sides = (['components', 'transfusion'] as const).map((context) => {
      const target = {
        ...resolvePostgresTarget(databaseUrl),
        schema: defaultReadModelSchema(databaseUrl, config, context),
      };
      return { schema: target.schema, pool: createPostgresPool(target, 2) };
    });
    const [components, transfusion] = await Promise.all(
      sides.map(({ pool, schema }) => PostgresReadModelStore.open(pool, { schema })),
    );
    const pools = sides.map((side) => side.pool);
    return new OwnersReadModels(
      components,
      transfusion,
      pools.map((pool) => () => pool.end()),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.closers.map((close) => close()));
  }
}

/**
 * FHIR R5 at /fhir in distributed mode, in the service that hosts the workbench (traceability).
 * FHIR is a read-only façade with no context of its own: it describes units (components) and
 * their dispenses and patients (transfusion). It reads those services' own read-model schemas
 * (`<store schema>_components`, `<store schema>_transfusion`), the one place where a service
 * reads another's read models, on purpose and for reading only; the unit's provenance comes from
 * its stream in the log of record. Keeping copies fed by contracts would need contracts for every
 * unit field FHIR shows, which components does not publish.
 */
@Module({
  controllers: [FhirHttpController],
  providers: [
    { provide: OWNERS_READ_MODELS, useFactory: OwnersReadModels.open, inject: [HEMOTRACE_CONFIG] },
    {
      provide: UnitQueries,
      useFactory: (owners: OwnersReadModels) => new UnitQueries(owners.components),
      inject: [OWNERS_READ_MODELS],
    },
    {
      provide: TransfusionQueries,
      useFactory: (owners: OwnersReadModels, keys: PersonalDataKeyStore) =>
        new TransfusionQueries(owners.transfusion, keys),
      inject: [OWNERS_READ_MODELS, PERSONAL_DATA_KEYS],
    },
    ProductDefinitions,
    FhirReads,
  ],
})
export class FhirOverServicesModule {}
