/** The collection and laboratory facts components reacts to, through their public indexes. */
export { DONATION_COMPLETED } from '@hemotrace/collection';
export type { DonationCompletedContract, Procedure } from '@hemotrace/collection';
export { DONATION_QUALIFIED, DONATION_REJECTED } from '@hemotrace/laboratory/contracts';
export type { DonationQualifiedContract, DonationRejectedContract } from '@hemotrace/laboratory/contracts';

/*
 * Distribution and transfusion facts that move a unit along its lifecycle. Those contexts read
 * components through its index, so only their types are imported here (erased at run time, no
 * module cycle); the names below are checked against theirs by the compiler.
 */
import type {
  SHIPMENT_DISPATCHED as DistributionShipmentDispatched,
  SHIPMENT_RECEIVED as DistributionShipmentReceived,
  UNIT_RETURNED as DistributionUnitReturned,
} from '@hemotrace/distribution/contracts';
import type {
  UNIT_ALLOCATED as TransfusionUnitAllocated,
  UNIT_RETURNED_TO_BLOOD_BANK as TransfusionUnitReturnedToBloodBank,
  UNIT_TRANSFUSED as TransfusionUnitTransfused,
  UNIT_WASTED as TransfusionUnitWasted,
} from '@hemotrace/transfusion/contracts';
export type {
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitReturnedContract,
} from '@hemotrace/distribution/contracts';
export type {
  UnitAllocatedContract,
  UnitReturnedToBloodBankContract,
  UnitTransfusedContract,
  UnitWastedContract,
} from '@hemotrace/transfusion/contracts';

export const SHIPMENT_DISPATCHED: typeof DistributionShipmentDispatched = 'ShipmentDispatched';
export const SHIPMENT_RECEIVED: typeof DistributionShipmentReceived = 'ShipmentReceived';
export const UNIT_RETURNED: typeof DistributionUnitReturned = 'UnitReturned';
export const UNIT_ALLOCATED: typeof TransfusionUnitAllocated = 'UnitAllocated';
export const UNIT_RETURNED_TO_BLOOD_BANK: typeof TransfusionUnitReturnedToBloodBank =
  'UnitReturnedToBloodBank';
export const UNIT_TRANSFUSED: typeof TransfusionUnitTransfused = 'UnitTransfused';
export const UNIT_WASTED: typeof TransfusionUnitWasted = 'UnitWasted';

/* An investigation (lookback, traceback, recall) asks components to hold a unit; traceability reads components, so types only. */
import type { UNIT_QUARANTINE_REQUESTED as TraceabilityUnitQuarantineRequested } from '@hemotrace/traceability/contracts';
export type { UnitQuarantineRequested } from '@hemotrace/traceability/contracts';
export const UNIT_QUARANTINE_REQUESTED: typeof TraceabilityUnitQuarantineRequested =
  'UnitQuarantineRequested';
