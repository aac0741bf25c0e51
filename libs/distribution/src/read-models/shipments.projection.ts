import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { ProductCategory } from '@hemotrace/components/contracts';
import type { ShipmentType } from '../contracts/distribution.contracts';
import type { ShipmentEvent } from '../domain/shipment/shipment.events';
import { SHIPMENT_EVENT_TYPES } from '../domain/shipment/shipment.events';

export const SHIPMENTS = 'distribution_shipments';
export const PACKED_UNITS = 'distribution_packed_units';

export interface ShipmentUnitView {
  unitId: string;
  productCode: string;
  productType: string;
  category: ProductCategory;
  bloodUnits?: number;
  plateletDoses?: number;
  expiresAt: string;
  accepted?: boolean;
  rejectionReason?: string;
  returned?: 'RESTOCKED' | 'DISCARDED';
}

export interface ShipmentView {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  allianceId?: string;
  status: 'Open' | 'Dispatched' | 'Received';
  createdAt: string;
  dispatch?: { carrier: string; coolerId: string; temperatureC: number; at: string };
  receipt?: { condition: string; temperatureC: number; at: string };
  receivedAt?: string;
  units: ShipmentUnitView[];
}

/** A unit packed in a shipment not yet received: it cannot go into a second one. */
export interface PackedUnitView {
  unitId: string;
  shipmentId: string;
}

export const shipmentsProjection: Projection = {
  name: 'distribution-shipments',
  collections: [SHIPMENTS, PACKED_UNITS],
  indexes: { [SHIPMENTS]: [['fromSiteId'], ['toSiteId'], ['receivedAt']] },
  handles: SHIPMENT_EVENT_TYPES,
  async apply(recorded: RecordedEvent, tx: DocumentWriter) {
    const event = { type: recorded.type, data: recorded.data } as ShipmentEvent;
    if (event.type === 'ShipmentCreated') {
      const d = event.data;
      tx.put<ShipmentView>(SHIPMENTS, d.shipmentId, {
        shipmentId: d.shipmentId,
        type: d.type,
        fromSiteId: d.fromSiteId,
        toSiteId: d.toSiteId,
        ...(d.allianceId ? { allianceId: d.allianceId } : {}),
        status: 'Open',
        createdAt: d.createdAt,
        units: [],
      });
      return;
    }
    const view = await tx.get<ShipmentView>(SHIPMENTS, event.data.shipmentId);
    if (!view) return;
    const put = (changes: Partial<ShipmentView>) =>
      tx.put<ShipmentView>(SHIPMENTS, view.shipmentId, { ...view, ...changes });
    switch (event.type) {
      case 'UnitPacked': {
        const d = event.data;
        tx.put<PackedUnitView>(PACKED_UNITS, d.unitId, { unitId: d.unitId, shipmentId: d.shipmentId });
        return put({
          units: [
            ...view.units,
            {
              unitId: d.unitId,
              productCode: d.productCode,
              productType: d.productType,
              category: d.category,
              ...(d.bloodUnits !== undefined ? { bloodUnits: d.bloodUnits } : {}),
              ...(d.plateletDoses !== undefined ? { plateletDoses: d.plateletDoses } : {}),
              expiresAt: d.expiresAt,
            },
          ],
        });
      }
      case 'ShipmentDispatched': {
        const d = event.data;
        return put({
          status: 'Dispatched',
          dispatch: {
            carrier: d.carrier,
            coolerId: d.coolerId,
            temperatureC: d.temperatureC,
            at: d.dispatchedAt,
          },
        });
      }
      case 'ShipmentReceived': {
        const d = event.data;
        for (const unit of view.units) tx.delete(PACKED_UNITS, unit.unitId);
        return put({
          status: 'Received',
          receivedAt: d.receivedAt,
          receipt: { condition: d.condition, temperatureC: d.temperatureC, at: d.receivedAt },
          units: view.units.map((u) => {
            const received = d.units.find((r) => r.unitId === u.unitId);
            return {
              ...u,
              accepted: received?.accepted ?? false,
              ...(received?.reason ? { rejectionReason: received.reason } : {}),
            };
          }),
        });
      }
      case 'UnitReturned': {
        const d = event.data;
        return put({
          units: view.units.map((u) => (u.unitId === d.unitId ? { ...u, returned: d.disposition } : u)),
        });
      }
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};
