export * from './contracts';
export { LaboratoryModule } from './laboratory.module';
export { LABORATORY_PROFILE } from './laboratory.tokens';
export { LaboratoryQueries } from './read-models/laboratory.queries';
export type { TestingStatusView, WorklistItem } from './read-models/laboratory.queries';
export type { LaboratoryProfile } from './domain/profiles';
export { laboratoryProfile } from './domain/profiles';
export type {
  ConclusionAmended,
  DonationTestingEvent,
  ResultCorrected,
} from './domain/donation-testing/donation-testing.events';
