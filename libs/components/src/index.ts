export * from './contracts';
export { ComponentsModule } from './components.module';
export { UnitQueries } from './read-models/unit.queries';
export type { UnitView, CustodyLink } from './read-models/units.projection';
export { unitDecider } from './domain/unit/unit.decide';
export type { UnitCommand } from './domain/unit/unit.decide';
export type { Unit, UnitState } from './domain/unit/unit.state';
export { onlyReleasedUnexpiredUnitsMayBeUsed, unitHasExpired } from './domain/unit/unit.rules';
export { UnitExpired, UnitNotFound, UnitNotReleased } from './domain/unit/unit.errors';
export type { ProductCategory } from './domain/catalog/product-catalog';
export { CATEGORY_BY_TYPE } from './domain/catalog/product-catalog';
export {
  EXPIRY_SWEEP_INTERVAL_MS,
  ExpirySweepScheduler,
  expirySweepIntervalFrom,
} from './features/expire-units/expiry-sweep.scheduler';
export type { ProductDefinition } from './domain/catalog/product-catalog';
export { catalogFor, findProduct } from './domain/catalog/product-catalog';
