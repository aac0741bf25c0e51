/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { donationTestingDecider } from './domain/donation-testing/donation-testing.decide';
export type {
  DonationTestingCommand,
  RecordMarkerResult,
} from './domain/donation-testing/donation-testing.commands';
export type { DonationTestingEvent } from './domain/donation-testing/donation-testing.events';
export { laboratoryProfile } from './domain/profiles';
export type { LaboratoryProfile } from './domain/profiles';
export {
  donorBloodGroupDecider,
  donorBloodGroupStreamId,
} from './domain/donor-blood-group/donor-blood-group.decide';
export type { DonorBloodGroupCommand } from './domain/donor-blood-group/donor-blood-group.decide';
export type { DonorBloodGroupEvent } from './domain/donor-blood-group/donor-blood-group.events';
