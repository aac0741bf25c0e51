/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { unitDecider } from './domain/unit/unit.decide';
export type { UnitCommand } from './domain/unit/unit.decide';
export type { Unit, UnitState } from './domain/unit/unit.state';
export { ExpirySweepScheduler } from './features/expire-units/expiry-sweep.scheduler';
export { catalogFor, findProductOfType } from './domain/catalog/product-catalog';
export type { ProductDefinition } from './domain/catalog/product-catalog';
export { expiryCommandId } from './features/expire-units/unit-expiry.service';
export { planPool } from './domain/unit/processing.rules';
export { unitMayBeProcessed } from './domain/unit/unit.rules';
export { unitCommandOnConclusion } from './domain/unit/laboratory-conclusion';
