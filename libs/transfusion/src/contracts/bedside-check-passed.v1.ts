import type { ContractMapping } from '@hemotrace/messaging';
import type { BedsideCheckPassedContract } from './transfusion.contracts';

export const BEDSIDE_CHECK_PASSED_V1 = 'transfusion.BedsideCheckPassed.v1';

/** The bedside check matched patient and unit before the transfusion. */
export type BedsideCheckPassedV1 = BedsideCheckPassedContract & { recordedAtSite: string };

export const bedsideCheckPassedV1: ContractMapping<BedsideCheckPassedV1> = {
  context: 'transfusion',
  storedType: 'BedsideCheckPassed',
  contractType: 'BedsideCheckPassed',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as BedsideCheckPassedContract;
    return {
      requestId: d.requestId,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      din: d.din,
      productCode: d.productCode,
      checkedAt: d.checkedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
