import type { ContractMapping } from '@hemotrace/messaging';
import { asStoredContract } from '@hemotrace/messaging';
import { TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED } from '../contracts/transfusion.contracts';
import { historicalGroupRecordedV1 } from '../contracts/historical-group-recorded.v1';

/** What transfusion publishes for other contexts (`transfusion.<Fact>.v1`): a suspected TTI starts a traceback. */
export const transfusionIntegrationContracts: ContractMapping[] = [
  asStoredContract('transfusion', TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED),
  historicalGroupRecordedV1,
];
