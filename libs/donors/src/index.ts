export * from './contracts';
export { DonorsModule } from './donors.module';
export { DonorEligibilityQuery } from './read-models/donor-eligibility.query';
export { DONOR_PROFILE } from './donors.tokens';
export type { DonorRegulatoryProfile, Sex } from './domain/profiles';
