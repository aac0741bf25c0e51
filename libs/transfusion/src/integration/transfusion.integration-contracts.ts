import type { ContractMapping } from '@hemotrace/messaging';
import { transfusionTransmittedInfectionSuspectedV1 } from '../contracts/transfusion-transmitted-infection-suspected.v1';

/** What transfusion publishes for other contexts (`transfusion.<Fact>.v1`): a suspected TTI starts a traceback. Nothing else leaves it. */
export const transfusionIntegrationContracts: ContractMapping[] = [
  transfusionTransmittedInfectionSuspectedV1 as ContractMapping,
];
