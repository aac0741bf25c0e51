/** The demo dataset for the CLI, the journeys and the benchmarks: one generator, two writers. */
export { DemoDataGenerator } from './demo-data.generator';
export type { DemoOptions, DemoSummary, PlannedEvent } from './demo-data.generator';
export { appendPlannedEvents, RawSqliteEventWriter } from './demo-writers';
