/** The collection and laboratory facts components reacts to, through their public indexes. */
export { DONATION_COMPLETED } from '@hemotrace/collection';
export type { DonationCompletedContract, Procedure } from '@hemotrace/collection';
export { DONATION_QUALIFIED, DONATION_REJECTED } from '@hemotrace/laboratory/contracts';
export type { DonationQualifiedContract, DonationRejectedContract } from '@hemotrace/laboratory/contracts';
