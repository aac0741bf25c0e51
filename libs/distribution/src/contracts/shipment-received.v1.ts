import type { ContractMapping } from '@hemotrace/messaging';
import type { ShipmentReceivedContract } from './distribution.contracts';

export const SHIPMENT_RECEIVED_V1 = 'distribution.ShipmentReceived.v1';

/** The consignee received the shipment, accepting or refusing each unit: custody moves. */
export type ShipmentReceivedV1 = ShipmentReceivedContract & { recordedAtSite: string };

export const shipmentReceivedV1: ContractMapping<ShipmentReceivedV1> = {
  context: 'distribution',
  storedType: 'ShipmentReceived',
  contractType: 'ShipmentReceived',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as ShipmentReceivedContract;
    return {
      shipmentId: d.shipmentId,
      type: d.type,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      condition: d.condition,
      temperatureC: d.temperatureC,
      units: d.units.map((u) => ({
        unitId: u.unitId,
        accepted: u.accepted,
        ...(u.reason !== undefined ? { reason: u.reason } : {}),
      })),
      receivedAt: d.receivedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
