import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitReleasedContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_RELEASED_V1 = 'components.UnitReleased.v1';

/** The unit may be issued: released after qualification or a quality decision. */
export interface UnitReleasedV1 {
  unitId: string;
  releasedAt: string;
  cause: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitReleasedV1: ContractMapping<UnitReleasedV1> = {
  context: 'components',
  storedType: 'UnitReleased',
  contractType: 'UnitReleased',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitReleasedContract;
    return {
      unitId: d.unitId,
      releasedAt: d.releasedAt,
      cause: unitCauseV1(d.cause),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
