import type { ContractMapping } from '@hemotrace/messaging';
import { bedsideCheckPassedV1 } from '../contracts/bedside-check-passed.v1';
import { crossmatchPerformedV1 } from '../contracts/crossmatch-performed.v1';
import { emergencyReleaseAuthorizedV1 } from '../contracts/emergency-release-authorized.v1';
import { transfusionTransmittedInfectionSuspectedV1 } from '../contracts/transfusion-transmitted-infection-suspected.v1';
import { unitAllocatedV1 } from '../contracts/unit-allocated.v1';
import { unitIssuedToWardV1 } from '../contracts/unit-issued-to-ward.v1';
import { unitReturnedToBloodBankV1 } from '../contracts/unit-returned-to-blood-bank.v1';
import { unitTransfusedV1 } from '../contracts/unit-transfused.v1';
import { unitWastedV1 } from '../contracts/unit-wasted.v1';

/**
 * What transfusion publishes for other contexts (`transfusion.<Fact>.v1`): a suspected TTI starts a
 * traceback; allocation, return to the blood bank, transfusion and waste move the unit's own lifecycle
 * (components); issue to a ward moves the hospital stock; crossmatch, emergency release and bedside
 * check are what conformance checks an issue and a transfusion against (traceability).
 */
export const transfusionIntegrationContracts: ContractMapping[] = [
  transfusionTransmittedInfectionSuspectedV1 as ContractMapping,
  unitAllocatedV1 as ContractMapping,
  crossmatchPerformedV1 as ContractMapping,
  emergencyReleaseAuthorizedV1 as ContractMapping,
  bedsideCheckPassedV1 as ContractMapping,
  unitIssuedToWardV1 as ContractMapping,
  unitReturnedToBloodBankV1 as ContractMapping,
  unitTransfusedV1 as ContractMapping,
  unitWastedV1 as ContractMapping,
];
