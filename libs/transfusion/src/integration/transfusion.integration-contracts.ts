import type { ContractMapping } from '@hemotrace/messaging';
import { transfusionTransmittedInfectionSuspectedV1 } from '../contracts/transfusion-transmitted-infection-suspected.v1';
import { unitAllocatedV1 } from '../contracts/unit-allocated.v1';
import { unitIssuedToWardV1 } from '../contracts/unit-issued-to-ward.v1';
import { unitReturnedToBloodBankV1 } from '../contracts/unit-returned-to-blood-bank.v1';
import { unitTransfusedV1 } from '../contracts/unit-transfused.v1';
import { unitWastedV1 } from '../contracts/unit-wasted.v1';

/**
 * What transfusion publishes for other contexts (`transfusion.<Fact>.v1`): a suspected TTI starts a
 * traceback; allocation, return to the blood bank, transfusion and waste move the unit's own lifecycle
 * (components); issue to a ward moves the hospital stock.
 */
export const transfusionIntegrationContracts: ContractMapping[] = [
  transfusionTransmittedInfectionSuspectedV1 as ContractMapping,
  unitAllocatedV1 as ContractMapping,
  unitIssuedToWardV1 as ContractMapping,
  unitReturnedToBloodBankV1 as ContractMapping,
  unitTransfusedV1 as ContractMapping,
  unitWastedV1 as ContractMapping,
];
