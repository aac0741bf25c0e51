import type { ContractMapping } from '@hemotrace/messaging';
import { donationCompletedV1 } from '../contracts/donation-completed.v1';

/** What collection publishes for other contexts (`collection.<Fact>.v1`): a donation collected. Nothing else leaves it. */
export const collectionIntegrationContracts: ContractMapping[] = [donationCompletedV1 as ContractMapping];
