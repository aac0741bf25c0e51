import type { ContractMapping } from '@hemotrace/messaging';
import { asStoredContract } from '@hemotrace/messaging';
import {
  TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED,
  UNIT_ALLOCATED,
  UNIT_RETURNED_TO_BLOOD_BANK,
  UNIT_TRANSFUSED,
  UNIT_WASTED,
} from '../contracts/transfusion.contracts';

/**
 * What transfusion publishes for other contexts (`transfusion.<Fact>.v1`): a suspected TTI starts a
 * traceback; allocation, return to the blood bank, transfusion and waste move the unit's own lifecycle
 * (components).
 */
export const transfusionIntegrationContracts: ContractMapping[] = [
  asStoredContract('transfusion', TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED),
  asStoredContract('transfusion', UNIT_ALLOCATED),
  asStoredContract('transfusion', UNIT_RETURNED_TO_BLOOD_BANK),
  asStoredContract('transfusion', UNIT_TRANSFUSED),
  asStoredContract('transfusion', UNIT_WASTED),
];
