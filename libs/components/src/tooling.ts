/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { unitDecider } from './domain/unit/unit.decide';
export type { UnitCommand } from './domain/unit/unit.decide';
export type { Unit, UnitState } from './domain/unit/unit.state';
export { ExpirySweepScheduler } from './features/expire-units/expiry-sweep.scheduler';
