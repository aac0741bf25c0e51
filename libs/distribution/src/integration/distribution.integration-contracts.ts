import type { ContractMapping } from '@hemotrace/messaging';
import { asStoredContract } from '@hemotrace/messaging';
import { SHIPMENT_DISPATCHED, SHIPMENT_RECEIVED, UNIT_RETURNED } from '../contracts/distribution.contracts';

/** What distribution publishes (`distribution.<Fact>.v1`): custody of units moves with these. */
export const distributionIntegrationContracts: ContractMapping[] = [
  asStoredContract('distribution', SHIPMENT_DISPATCHED),
  asStoredContract('distribution', SHIPMENT_RECEIVED),
  asStoredContract('distribution', UNIT_RETURNED),
];
