/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { EraseDonorPersonalDataCommand } from './features/erase-donor-personal-data/erase-donor-personal-data.command';
export { ERASURE_LEGAL_BASES } from './domain/donor/donor.events';
export type { ErasureLegalBasis } from './domain/donor/donor.events';
export { donorDecider } from './domain/donor/donor.decide';
export type { DonorCommand } from './domain/donor/donor.decide';
export type { PastDonation } from './domain/donor/donor-eligibility.rules';
export { donorProfileFor } from './domain/profiles';
