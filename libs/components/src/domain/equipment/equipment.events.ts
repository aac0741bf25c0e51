import type { EquipmentKind } from '../catalog/product-catalog';

export interface EquipmentRegisteredData {
  siteId: string;
  equipmentId: string;
  kind: EquipmentKind;
  minC: number;
  maxC: number;
  registeredAt: string;
}

/** Every unit stored in the equipment between startedAt and endedAt is quarantined in reaction. */
export interface TemperatureExcursionReportedData {
  excursionId: string;
  siteId: string;
  equipmentId: string;
  startedAt: string;
  endedAt: string;
  observedC: number;
  reportedAt: string;
}

export type EquipmentEvent =
  | { type: 'EquipmentRegistered'; data: EquipmentRegisteredData }
  | { type: 'TemperatureExcursionReported'; data: TemperatureExcursionReportedData };
