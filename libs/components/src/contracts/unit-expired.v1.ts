import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitExpiredContract } from './components.contracts';

export const UNIT_EXPIRED_V1 = 'components.UnitExpired.v1';

/** The unit reached its expiry unused. */
export interface UnitExpiredV1 {
  unitId: string;
  expiresAt: string;
  expiredAt: string;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitExpiredV1: ContractMapping<UnitExpiredV1> = {
  context: 'components',
  storedType: 'UnitExpired',
  contractType: 'UnitExpired',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitExpiredContract;
    return {
      unitId: d.unitId,
      expiresAt: d.expiresAt,
      expiredAt: d.expiredAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
