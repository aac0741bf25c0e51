/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/donors/contracts. Tools (CLI, bench, tests): @hemotrace/donors/tooling. */
export { DonorsModule } from './donors.module';
export { DonorEligibilityQuery } from './read-models/donor-eligibility.query';
export { DONOR_PROFILE } from './donors.tokens';
export type { DonorRegulatoryProfile, Sex } from './domain/profiles';
