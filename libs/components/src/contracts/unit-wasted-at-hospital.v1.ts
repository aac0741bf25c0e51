import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitWastedAtHospitalContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_WASTED_AT_HOSPITAL_V1 = 'components.UnitWastedAtHospital.v1';

/** The hospital wasted the unit: it has left stock for good. */
export interface UnitWastedAtHospitalV1 {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  reason: string;
  wastedAt: string;
  cause: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitWastedAtHospitalV1: ContractMapping<UnitWastedAtHospitalV1> = {
  context: 'components',
  storedType: 'UnitWastedAtHospital',
  contractType: 'UnitWastedAtHospital',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitWastedAtHospitalContract;
    return {
      unitId: d.unitId,
      requestId: d.requestId,
      hospitalSiteId: d.hospitalSiteId,
      reason: d.reason,
      wastedAt: d.wastedAt,
      cause: unitCauseV1(d.cause),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
