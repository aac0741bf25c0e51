import type { LateEntry } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { DiscardReason, UnitDiscardedContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_DISCARDED_V1 = 'components.UnitDiscarded.v1';

/** The unit was destroyed and will never be issued. */
export interface UnitDiscardedV1 {
  unitId: string;
  reason: DiscardReason;
  note?: string;
  discardedAt: string;
  cause?: UnitCauseV1;
  lateEntry?: LateEntry;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitDiscardedV1: ContractMapping<UnitDiscardedV1> = {
  context: 'components',
  storedType: 'UnitDiscarded',
  contractType: 'UnitDiscarded',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitDiscardedContract;
    return {
      unitId: d.unitId,
      reason: d.reason,
      ...(d.note !== undefined ? { note: d.note } : {}),
      discardedAt: d.discardedAt,
      ...(d.cause !== undefined ? { cause: unitCauseV1(d.cause) } : {}),
      ...(d.lateEntry !== undefined
        ? { lateEntry: { reason: d.lateEntry.reason, delayMinutes: d.lateEntry.delayMinutes } }
        : {}),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
