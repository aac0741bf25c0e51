export * from './contracts';
export { CollectionModule } from './collection.module';
export { DinRegister, DinRegisterModule } from './features/din-register.service';
export { donationDecider } from './domain/donation/donation.decide';
export type { DonationCommand } from './domain/donation/donation.decide';
export type { CollectionRegulatoryProfile } from './domain/profiles/collection-profile';
export { collectionProfileFor } from './domain/profiles/collection-profile';
