export * from './contracts';
export { DonorsModule } from './donors.module';
export { DonorEligibilityQuery } from './read-models/donor-eligibility.query';
export { DONOR_PROFILE } from './donors.tokens';
export type { DonorRegulatoryProfile, Sex } from './domain/profiles';
export { EraseDonorPersonalDataCommand } from './features/erase-donor-personal-data/erase-donor-personal-data.command';
export { ERASURE_LEGAL_BASES } from './domain/donor/donor.events';
export type { ErasureLegalBasis } from './domain/donor/donor.events';
