import type { ContractMapping } from '@hemotrace/messaging';
import { historicalGroupRecordedV1 } from '../contracts/historical-group-recorded.v1';
import { transfusionTransmittedInfectionSuspectedV1 } from '../contracts/transfusion-transmitted-infection-suspected.v1';

/**
 * What transfusion publishes for other contexts (`transfusion.<Fact>.v1`): a suspected TTI starts
 * a traceback; historical groups keep their v1 wire shape over the v2 stored one.
 */
export const transfusionIntegrationContracts: ContractMapping[] = [
  transfusionTransmittedInfectionSuspectedV1 as ContractMapping,
  historicalGroupRecordedV1 as ContractMapping,
];
