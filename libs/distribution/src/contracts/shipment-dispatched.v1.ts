import type { ContractMapping } from '@hemotrace/messaging';
import type { ShipmentDispatchedContract } from './distribution.contracts';

export const SHIPMENT_DISPATCHED_V1 = 'distribution.ShipmentDispatched.v1';

/** Units left in a cooler: components record them in transit. */
export type ShipmentDispatchedV1 = ShipmentDispatchedContract & { recordedAtSite: string };

export const shipmentDispatchedV1: ContractMapping<ShipmentDispatchedV1> = {
  context: 'distribution',
  storedType: 'ShipmentDispatched',
  contractType: 'ShipmentDispatched',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as ShipmentDispatchedContract;
    return {
      shipmentId: d.shipmentId,
      type: d.type,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      carrier: d.carrier,
      coolerId: d.coolerId,
      temperatureC: d.temperatureC,
      unitIds: d.unitIds,
      dispatchedAt: d.dispatchedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
