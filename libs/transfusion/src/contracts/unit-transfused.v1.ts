import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitTransfusedContract } from './transfusion.contracts';

export const UNIT_TRANSFUSED_V1 = 'transfusion.UnitTransfused.v1';

/** A unit was transfused: it has left stock for good (components closes its lifecycle). */
export type UnitTransfusedV1 = UnitTransfusedContract & { recordedAtSite: string };

export const unitTransfusedV1: ContractMapping<UnitTransfusedV1> = {
  context: 'transfusion',
  storedType: 'UnitTransfused',
  contractType: 'UnitTransfused',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitTransfusedContract;
    return {
      requestId: d.requestId,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      din: d.din,
      productCode: d.productCode,
      startedAt: d.startedAt,
      endedAt: d.endedAt,
      volumeMl: d.volumeMl,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
