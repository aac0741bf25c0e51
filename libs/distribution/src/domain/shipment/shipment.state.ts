import type { ShipmentType, UnitPackedContract } from './shipment.event-data';
import type { ShipmentEvent } from './shipment.events';

export interface Shipment {
  status: 'Open' | 'Dispatched' | 'Received';
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  allianceId?: string;
  units: UnitPackedContract[];
  accepted: string[];
  dispatchedAt?: string;
  receivedAt?: string;
  returned: string[];
}

export type ShipmentState = { status: 'None' } | Shipment;

export const evolveShipment = (state: ShipmentState, event: ShipmentEvent): ShipmentState => {
  if (event.type === 'ShipmentCreated') {
    const { shipmentId, type, fromSiteId, toSiteId, allianceId } = event.data;
    return {
      status: 'Open',
      shipmentId,
      type,
      fromSiteId,
      toSiteId,
      ...(allianceId ? { allianceId } : {}),
      units: [],
      accepted: [],
      returned: [],
    };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'UnitPacked':
      return { ...state, units: [...state.units, event.data] };
    case 'ShipmentDispatched':
      return { ...state, status: 'Dispatched', dispatchedAt: event.data.dispatchedAt };
    case 'ShipmentReceived':
      return {
        ...state,
        status: 'Received',
        receivedAt: event.data.receivedAt,
        accepted: event.data.units.filter((u) => u.accepted).map((u) => u.unitId),
      };
    case 'UnitReturned':
      return { ...state, returned: [...state.returned, event.data.unitId] };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
