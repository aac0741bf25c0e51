import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitShippedContract } from './components.contracts';

export const UNIT_SHIPPED_V1 = 'components.UnitShipped.v1';

/** The unit left its site in a shipment: it is in transit. */
export interface UnitShippedV1 {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  at: string;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitShippedV1: ContractMapping<UnitShippedV1> = {
  context: 'components',
  storedType: 'UnitShipped',
  contractType: 'UnitShipped',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitShippedContract;
    return {
      unitId: d.unitId,
      shipmentId: d.shipmentId,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      at: d.at,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
