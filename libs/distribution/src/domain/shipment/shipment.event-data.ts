import type { LateEntry, ProductCategory } from '@hemotrace/kernel';

/**
 * The stored data of the distribution context's events, owned by its domain (the `*Contract`
 * names are kept for the code that already uses them); contracts/ re-exports what others read.
 */
/** HOSPITAL_ISSUE: to a hospital (consignee). CENTER_TRANSFER: custody moves to another blood center. */
export type ShipmentType = 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER' | 'EMERGENCY_TRANSFER';

export interface ShipmentCreatedContract {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  /** Emergency transfers: the regional alliance under which the units are lent. */
  allianceId?: string;
  createdAt: string;
}

/** A snapshot of the unit when packed, so reports never need to read another context. */
export interface UnitPackedContract {
  shipmentId: string;
  unitId: string;
  productCode: string;
  productType: string;
  /** RED_CELLS, PLATELETS, PLASMA, CRYO or WHOLE_BLOOD (components catalog). */
  category: ProductCategory;
  volumeMl: number;
  bloodUnits?: number;
  plateletDoses?: number;
  expiresAt: string;
  packedAt: string;
}

export interface ShipmentDispatchedContract {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  carrier: string;
  coolerId: string;
  temperatureC: number;
  unitIds: string[];
  dispatchedAt: string;
  /** Entered later than the profile's threshold after the fact, with the reason given. */
  lateEntry?: LateEntry;
}

export interface ReceivedUnit {
  unitId: string;
  accepted: boolean;
  reason?: string;
}

export interface ShipmentReceivedContract {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  condition: 'INTACT' | 'DAMAGED';
  temperatureC: number;
  units: ReceivedUnit[];
  receivedAt: string;
  lateEntry?: LateEntry;
}

/** A hospital returned an issued unit; within the profile's time and temperature limits it goes back into stock. */
export interface UnitReturnedContract {
  shipmentId: string;
  unitId: string;
  fromSiteId: string;
  toSiteId: string;
  temperatureC: number;
  hoursSinceReceipt: number;
  disposition: 'RESTOCKED' | 'DISCARDED';
  reason?: string;
  returnedAt: string;
}
