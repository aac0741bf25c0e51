import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitWastedContract } from './transfusion.contracts';

export const UNIT_WASTED_V1 = 'transfusion.UnitWasted.v1';

/** A unit was wasted at the hospital: components closes its lifecycle. */
export type UnitWastedV1 = UnitWastedContract & { recordedAtSite: string };

export const unitWastedV1: ContractMapping<UnitWastedV1> = {
  context: 'transfusion',
  storedType: 'UnitWasted',
  contractType: 'UnitWasted',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitWastedContract;
    return {
      requestId: d.requestId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      reason: d.reason,
      wastedAt: d.wastedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
