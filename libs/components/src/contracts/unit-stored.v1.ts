import type { LateEntry } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitStoredContract } from './components.contracts';

export const UNIT_STORED_V1 = 'components.UnitStored.v1';

/** The unit was put in a storage device at a site (cold chain). */
export interface UnitStoredV1 {
  unitId: string;
  siteId: string;
  equipmentId: string;
  at: string;
  lateEntry?: LateEntry;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitStoredV1: ContractMapping<UnitStoredV1> = {
  context: 'components',
  storedType: 'UnitStored',
  contractType: 'UnitStored',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitStoredContract;
    return {
      unitId: d.unitId,
      siteId: d.siteId,
      equipmentId: d.equipmentId,
      at: d.at,
      ...(d.lateEntry !== undefined
        ? { lateEntry: { reason: d.lateEntry.reason, delayMinutes: d.lateEntry.delayMinutes } }
        : {}),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
