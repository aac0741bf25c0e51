/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { EraseDonorPersonalDataCommand } from './features/erase-donor-personal-data/erase-donor-personal-data.command';
export { ERASURE_LEGAL_BASES } from './domain/donor/donor.events';
export type { ErasureLegalBasis } from './domain/donor/donor.events';
