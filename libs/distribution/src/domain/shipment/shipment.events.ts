import type {
  ShipmentCreatedContract,
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitPackedContract,
  UnitReturnedContract,
} from './shipment.event-data';

export type ShipmentEvent =
  | { type: 'ShipmentCreated'; data: ShipmentCreatedContract }
  | { type: 'UnitPacked'; data: UnitPackedContract }
  | { type: 'ShipmentDispatched'; data: ShipmentDispatchedContract }
  | { type: 'ShipmentReceived'; data: ShipmentReceivedContract }
  | { type: 'UnitReturned'; data: UnitReturnedContract };

export const SHIPMENT_EVENT_TYPES: ShipmentEvent['type'][] = [
  'ShipmentCreated',
  'UnitPacked',
  'ShipmentDispatched',
  'ShipmentReceived',
  'UnitReturned',
];
