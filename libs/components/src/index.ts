/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/components/contracts. Tools (CLI, bench, tests): @hemotrace/components/tooling. */
export { ComponentsModule } from './components.module';
export { UnitQueries } from './read-models/unit.queries';
export { UnitRecordReader } from './features/read-unit-record/unit-record.reader';
export type { UnitRecord } from './features/read-unit-record/unit-record.reader';
export type { UnitView, CustodyLink } from './read-models/units.projection';
export { ProductDefinitions } from './read-models/product-definitions.query';
export type { ProductDefinition } from './domain/catalog/product-catalog';
