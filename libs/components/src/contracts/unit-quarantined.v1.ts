import type { ContractMapping } from '@hemotrace/messaging';
import type { QuarantineReason, UnitQuarantinedContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_QUARANTINED_V1 = 'components.UnitQuarantined.v1';

/** The unit is on hold (excursion, recall, by hand) until a quality decision. */
export interface UnitQuarantinedV1 {
  unitId: string;
  holdId: string;
  reason: QuarantineReason;
  quarantinedAt: string;
  cause?: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitQuarantinedV1: ContractMapping<UnitQuarantinedV1> = {
  context: 'components',
  storedType: 'UnitQuarantined',
  contractType: 'UnitQuarantined',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitQuarantinedContract;
    return {
      unitId: d.unitId,
      holdId: d.holdId,
      reason: d.reason,
      quarantinedAt: d.quarantinedAt,
      ...(d.cause !== undefined ? { cause: unitCauseV1(d.cause) } : {}),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
