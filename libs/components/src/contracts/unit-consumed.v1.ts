import type { ContractMapping } from '@hemotrace/messaging';
import type { PreparationMethod, UnitConsumedContract } from './components.contracts';

export const UNIT_CONSUMED_V1 = 'components.UnitConsumed.v1';

/** The unit went into a division, a pool or a modification and no longer exists on its own. */
export interface UnitConsumedV1 {
  unitId: string;
  intoUnitIds: string[];
  method: PreparationMethod;
  consumedAt: string;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitConsumedV1: ContractMapping<UnitConsumedV1> = {
  context: 'components',
  storedType: 'UnitConsumed',
  contractType: 'UnitConsumed',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitConsumedContract;
    return {
      unitId: d.unitId,
      intoUnitIds: [...d.intoUnitIds],
      method: d.method,
      consumedAt: d.consumedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
