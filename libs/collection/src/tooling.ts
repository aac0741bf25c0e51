/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { donationDecider } from './domain/donation/donation.decide';
export type { DonationCommand } from './domain/donation/donation.decide';
export type { CollectionRegulatoryProfile } from './domain/profiles/collection-profile';
export { collectionProfileFor } from './domain/profiles/collection-profile';
