import type { OnModuleInit, Type } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { DinRegisterModule } from '@hemotrace/collection';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { HemotraceConfig } from '@hemotrace/platform';
import { HEMOTRACE_CONFIG } from '@hemotrace/platform';
import type { IntegrationBus } from '@hemotrace/messaging';
import { ContractRegistry, INTEGRATION_BUS } from '@hemotrace/messaging';
import { DiscardUnitHandler } from './features/discard-unit/discard-unit.handler';
import { DiscardUnitHttpController } from './features/discard-unit/discard-unit.http.controller';
import { EquipmentHttpController } from './features/equipment/equipment.http.controller';
import { RegisterEquipmentHandler, ReportExcursionHandler } from './features/equipment/equipment.handlers';
import { ExpireUnitsHandler } from './features/expire-units/expire-units.handler';
import { ExpireUnitsHttpController } from './features/expire-units/expire-units.http.controller';
import {
  EXPIRY_SWEEP_INTERVAL_MS,
  ExpirySweepScheduler,
  expirySweepIntervalFrom,
} from './features/expire-units/expiry-sweep.scheduler';
import { UnitExpiry } from './features/expire-units/unit-expiry.service';
import { PrepareComponentHandler } from './features/prepare-component/prepare-component.handler';
import { PrepareComponentHttpController } from './features/prepare-component/prepare-component.http.controller';
import {
  DivideUnitHandler,
  ModifyUnitHandler,
  PoolUnitsHandler,
} from './features/process-units/process-units.handlers';
import { ProcessUnitsHttpController } from './features/process-units/process-units.http.controller';
import { UnitProcessing } from './features/process-units/unit-processing.service';
import { QueryUnitsHttpController } from './features/query-units/query-units.http.controller';
import { UnitLabelHttpController } from './features/print-label/unit-label.http.controller';
import { RecordQualityDecisionHandler } from './features/record-quality-decision/record-quality-decision.handler';
import { RecordQualityDecisionHttpController } from './features/record-quality-decision/record-quality-decision.http.controller';
import { StoreUnitHandler } from './features/store-unit/store-unit.handler';
import { StoreUnitHttpController } from './features/store-unit/store-unit.http.controller';
import { componentsIntegrationContracts } from './integration/components.integration-contracts';
import { ExcursionQuarantineReactor } from './integration/excursion-quarantine.reactor';
import { LaboratoryOutcomeReactor } from './integration/laboratory-outcome.reactor';
import { RecallQuarantineReactor } from './integration/recall-quarantine.reactor';
import { UnitLifecycleReactor } from './integration/unit-lifecycle.reactor';
import { donationFactsProjection } from './read-models/donation-facts.projection';
import { ProductDefinitions } from './read-models/product-definitions.query';
import { UnitQueries } from './read-models/unit.queries';
import { UnitRecordReader } from './features/read-unit-record/unit-record.reader';
import { unitsProjection } from './read-models/units.projection';

/** The units read model and product catalogue for other contexts (distribution, FHIR): queries only, no controllers or projections. */
@Module({ providers: [UnitQueries, ProductDefinitions], exports: [UnitQueries, ProductDefinitions] })
export class ComponentsQueriesModule {}

/** A unit as its stream says, for another context's precondition: no read model of components is read. */
@Module({ providers: [UnitRecordReader], exports: [UnitRecordReader] })
export class ComponentsUnitRecordsModule {}

/** Preparation, modification, status, storage and cold chain of blood components. */
@Module({
  imports: [ComponentsQueriesModule, ComponentsUnitRecordsModule, DinRegisterModule],
  controllers: [
    PrepareComponentHttpController,
    ProcessUnitsHttpController,
    DiscardUnitHttpController,
    StoreUnitHttpController,
    RecordQualityDecisionHttpController,
    ExpireUnitsHttpController,
    EquipmentHttpController,
    QueryUnitsHttpController,
    UnitLabelHttpController,
  ],
  providers: [
    UnitProcessing,
    PrepareComponentHandler,
    DivideUnitHandler,
    PoolUnitsHandler,
    ModifyUnitHandler,
    DiscardUnitHandler,
    StoreUnitHandler,
    RecordQualityDecisionHandler,
    UnitExpiry,
    ExpireUnitsHandler,
    {
      provide: EXPIRY_SWEEP_INTERVAL_MS,
      useFactory: (config: HemotraceConfig) => expirySweepIntervalFrom(config.env),
      inject: [HEMOTRACE_CONFIG],
    },
    ExpirySweepScheduler,
    RegisterEquipmentHandler,
    ReportExcursionHandler,
    LaboratoryOutcomeReactor,
    ExcursionQuarantineReactor,
    UnitLifecycleReactor,
    RecallQuarantineReactor,
  ],
  exports: [ComponentsQueriesModule, ComponentsUnitRecordsModule],
})
export class ComponentsModule implements OnModuleInit {
  /** For a reader beside the components context that reads its units read model (FHIR). */
  static queries(): Type<ComponentsQueriesModule> {
    return ComponentsQueriesModule;
  }

  /** For another context that decides on a unit (distribution): the unit read from its own stream. */
  static unitRecords(): Type<ComponentsUnitRecordsModule> {
    return ComponentsUnitRecordsModule;
  }

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    private readonly laboratoryOutcome: LaboratoryOutcomeReactor,
    private readonly excursions: ExcursionQuarantineReactor,
    private readonly lifecycle: UnitLifecycleReactor,
    private readonly recalls: RecallQuarantineReactor,
    private readonly contracts: ContractRegistry,
  ) {}

  onModuleInit(): void {
    for (const contract of componentsIntegrationContracts) this.contracts.registerContract(contract);
    this.contracts.registerStreamCategory('DonationProcessing', 'components');
    this.bus.project(donationFactsProjection);
    this.runner.addProjection(unitsProjection);
    this.runner.addReactor(this.excursions);
    this.bus.subscribe(this.laboratoryOutcome);
    this.bus.subscribe(this.lifecycle);
    this.bus.subscribe(this.recalls);
  }
}
