/**
 * What the components context guarantees to others (stored event names and data, stable for 30 years).
 * One stream per unit: `Unit-<unitId>` where unitId = `${din}-${productCode}` (kernel `unitId()`).
 * Other contexts read these through @hemotrace/components only.
 */
export const unitStreamId = (unitId: string): string => `Unit-${unitId}`;

export const UNIT_PREPARED = 'UnitPrepared';
export const UNIT_QUALIFIED = 'UnitQualified';
export const UNIT_RELEASED = 'UnitReleased';
export const UNIT_QUARANTINED = 'UnitQuarantined';
export const UNIT_QUALITY_DECISION_RECORDED = 'UnitQualityDecisionRecorded';
export const UNIT_DISCARDED = 'UnitDiscarded';
export const UNIT_EXPIRED = 'UnitExpired';
export const UNIT_CONSUMED = 'UnitConsumed';
export const UNIT_STORED = 'UnitStored';
export const UNIT_SHIPPED = 'UnitShipped';
export const UNIT_CUSTODY_TRANSFERRED = 'UnitCustodyTransferred';
export const UNIT_ALLOCATED_TO_PATIENT = 'UnitAllocatedToPatient';
export const UNIT_ALLOCATION_RELEASED = 'UnitAllocationReleased';
export const UNIT_TRANSFUSION_RECORDED = 'UnitTransfusionRecorded';
export const UNIT_WASTED_AT_HOSPITAL = 'UnitWastedAtHospital';

export const EQUIPMENT_TEMPERATURE_EXCURSION_REPORTED = 'TemperatureExcursionReported';
export const equipmentStreamId = (siteId: string, equipmentId: string): string =>
  `Equipment-${siteId}.${equipmentId}`;
/** The family a product belongs to (red cells, plasma...): one unit per family per donation unless divided. */

export type { CustodianType, ProductCategory, UnitStatus } from '@hemotrace/kernel';
export type {
  ProductType,
  PreparationMethod,
  UnitLifecycle,
  UnitCause,
  UnitPreparedContract,
  UnitQualifiedContract,
  UnitReleasedContract,
  QuarantineReason,
  UnitQuarantinedContract,
  UnitQualityDecisionRecordedContract,
  DiscardReason,
  UnitDiscardedContract,
  UnitExpiredContract,
  UnitConsumedContract,
  UnitStoredContract,
  UnitShippedContract,
  UnitCustodyTransferredContract,
  UnitAllocatedToPatientContract,
  UnitAllocationReleasedContract,
  UnitTransfusionRecordedContract,
  UnitWastedAtHospitalContract,
} from '../domain/unit/unit.event-data';
