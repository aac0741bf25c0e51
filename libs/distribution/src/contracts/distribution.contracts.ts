/**
 * What the distribution context guarantees to others (stored event names and data, stable for 30 years).
 * One stream per shipment: `Shipment-<shipmentId>`. Custody of each unit is also recorded on the
 * unit's own stream (components `UnitShipped` / `UnitCustodyTransferred`) in reaction to these events.
 */
export const shipmentStreamId = (shipmentId: string): string => `Shipment-${shipmentId}`;

export const SHIPMENT_CREATED = 'ShipmentCreated';
export const UNIT_PACKED = 'UnitPacked';
export const SHIPMENT_DISPATCHED = 'ShipmentDispatched';
export const SHIPMENT_RECEIVED = 'ShipmentReceived';
export const UNIT_RETURNED = 'UnitReturned';

export type {
  ShipmentType,
  ShipmentCreatedContract,
  UnitPackedContract,
  ShipmentDispatchedContract,
  ReceivedUnit,
  ShipmentReceivedContract,
  UnitReturnedContract,
} from '../domain/shipment/shipment.event-data';
