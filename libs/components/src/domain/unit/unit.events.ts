import type {
  UnitAllocatedToPatientContract,
  UnitAllocationReleasedContract,
  UnitConsumedContract,
  UnitCustodyTransferredContract,
  UnitDiscardedContract,
  UnitExpiredContract,
  UnitPreparedContract,
  UnitQualifiedContract,
  UnitQualityDecisionRecordedContract,
  UnitQuarantinedContract,
  UnitReleasedContract,
  UnitShippedContract,
  UnitStoredContract,
  UnitTransfusionRecordedContract,
  UnitWastedAtHospitalContract,
} from './unit.event-data';

export type UnitEvent =
  | { type: 'UnitPrepared'; data: UnitPreparedContract }
  | { type: 'UnitQualified'; data: UnitQualifiedContract }
  | { type: 'UnitReleased'; data: UnitReleasedContract }
  | { type: 'UnitQuarantined'; data: UnitQuarantinedContract }
  | { type: 'UnitQualityDecisionRecorded'; data: UnitQualityDecisionRecordedContract }
  | { type: 'UnitDiscarded'; data: UnitDiscardedContract }
  | { type: 'UnitExpired'; data: UnitExpiredContract }
  | { type: 'UnitConsumed'; data: UnitConsumedContract }
  | { type: 'UnitStored'; data: UnitStoredContract }
  | { type: 'UnitShipped'; data: UnitShippedContract }
  | { type: 'UnitCustodyTransferred'; data: UnitCustodyTransferredContract }
  | { type: 'UnitAllocatedToPatient'; data: UnitAllocatedToPatientContract }
  | { type: 'UnitAllocationReleased'; data: UnitAllocationReleasedContract }
  | { type: 'UnitTransfusionRecorded'; data: UnitTransfusionRecordedContract }
  | { type: 'UnitWastedAtHospital'; data: UnitWastedAtHospitalContract };

export const UNIT_EVENT_TYPES: UnitEvent['type'][] = [
  'UnitPrepared',
  'UnitQualified',
  'UnitReleased',
  'UnitQuarantined',
  'UnitQualityDecisionRecorded',
  'UnitDiscarded',
  'UnitExpired',
  'UnitConsumed',
  'UnitStored',
  'UnitShipped',
  'UnitCustodyTransferred',
  'UnitAllocatedToPatient',
  'UnitAllocationReleased',
  'UnitTransfusionRecorded',
  'UnitWastedAtHospital',
];
