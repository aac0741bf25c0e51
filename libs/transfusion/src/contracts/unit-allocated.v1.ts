import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitAllocatedContract } from './transfusion.contracts';

export const UNIT_ALLOCATED_V1 = 'transfusion.UnitAllocated.v1';

/** A unit allocated to a patient's request: components records it on the unit's own lifecycle. */
export type UnitAllocatedV1 = UnitAllocatedContract & { recordedAtSite: string };

export const unitAllocatedV1: ContractMapping<UnitAllocatedV1> = {
  context: 'transfusion',
  storedType: 'UnitAllocated',
  contractType: 'UnitAllocated',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitAllocatedContract;
    return {
      requestId: d.requestId,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      din: d.din,
      productCode: d.productCode,
      allocatedAt: d.allocatedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
