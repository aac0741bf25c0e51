import type { ContractMapping } from '@hemotrace/messaging';
import { asStoredContract } from '@hemotrace/messaging';
import { DONATION_COMPLETED } from '../contracts/collection.contracts';

/** What collection publishes for other contexts (`collection.<Fact>.v1`): a donation collected. */
export const collectionIntegrationContracts: ContractMapping[] = [
  asStoredContract('collection', DONATION_COMPLETED),
];
