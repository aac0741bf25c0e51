import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitAllocationReleasedContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_ALLOCATION_RELEASED_V1 = 'components.UnitAllocationReleased.v1';

/** The unit came back unallocated to the hospital blood bank. */
export interface UnitAllocationReleasedV1 {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  releasedAt: string;
  cause: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitAllocationReleasedV1: ContractMapping<UnitAllocationReleasedV1> = {
  context: 'components',
  storedType: 'UnitAllocationReleased',
  contractType: 'UnitAllocationReleased',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitAllocationReleasedContract;
    return {
      unitId: d.unitId,
      requestId: d.requestId,
      hospitalSiteId: d.hospitalSiteId,
      releasedAt: d.releasedAt,
      cause: unitCauseV1(d.cause),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
