import type { ContractMapping } from '@hemotrace/messaging';
import { shipmentDispatchedV1 } from '../contracts/shipment-dispatched.v1';
import { shipmentReceivedV1 } from '../contracts/shipment-received.v1';
import { unitPackedV1 } from '../contracts/unit-packed.v1';
import { unitReturnedV1 } from '../contracts/unit-returned.v1';

/**
 * What distribution publishes (`distribution.<Fact>.v1`): custody of units moves with these, and
 * supply reports count what was packed. Nothing else leaves it.
 */
export const distributionIntegrationContracts: ContractMapping[] = [
  shipmentDispatchedV1 as ContractMapping,
  shipmentReceivedV1 as ContractMapping,
  unitPackedV1 as ContractMapping,
  unitReturnedV1 as ContractMapping,
];
