import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitAllocatedToPatientContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_ALLOCATED_TO_PATIENT_V1 = 'components.UnitAllocatedToPatient.v1';

/** The hospital allocated the unit to a patient's request. */
export interface UnitAllocatedToPatientV1 {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  allocatedAt: string;
  cause: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitAllocatedToPatientV1: ContractMapping<UnitAllocatedToPatientV1> = {
  context: 'components',
  storedType: 'UnitAllocatedToPatient',
  contractType: 'UnitAllocatedToPatient',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitAllocatedToPatientContract;
    return {
      unitId: d.unitId,
      requestId: d.requestId,
      hospitalSiteId: d.hospitalSiteId,
      allocatedAt: d.allocatedAt,
      cause: unitCauseV1(d.cause),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
