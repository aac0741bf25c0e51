import type { UnitFacts } from '../compatibility/unit-facts';
import { unitIsInDate, unitIsReleasedAndAvailableAtHospital } from '../compatibility/unit-status.rules';
import type { RegisteredPatient } from '../patient/patient.state';
import {
  QuantityAlreadyAllocated,
  UnitAlreadyAllocated,
  UnitExpired,
  UnitNotAvailable,
  WrongProduct,
} from '../transfusion.errors';
import type { AllocationBasis, TransfusionRequestEvent } from './transfusion-request.events';
import type { OpenRequest } from './transfusion-request.state';
import { unitsHeld } from './transfusion-request.state';
import { unitOnRequest } from './unit-event-data';

/** Requirements hold for the patient's lifetime: antibodies identified after the request still apply. */
export const effectiveRequirements = (state: OpenRequest, patient: RegisteredPatient) => ({
  irradiated: state.irradiated,
  leukoreduced: state.leukoreduced,
  antigenNegative: [...new Set([...state.antigenNegative, ...patient.antigensToAvoid])],
});

/** Checks no override may waive: right product, released, in this hospital's stock, in date, not already held. */
export const assertUnitMayBeAllocated = (state: OpenRequest, unit: UnitFacts, now: string): void => {
  if (unit.product !== state.product) throw new WrongProduct(unit.unitId, state.product, unit.product);
  if (unitsHeld(state).some((u) => u.unitId === unit.unitId)) throw new UnitAlreadyAllocated(unit.unitId);
  const unavailable = unitIsReleasedAndAvailableAtHospital(unit, state.hospitalSiteId);
  if (unavailable) throw new UnitNotAvailable(unit.unitId, unavailable);
  if (!unitIsInDate(unit.expiresAt, now)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  if (unitsHeld(state).length >= state.quantity)
    throw new QuantityAlreadyAllocated(state.requestId, state.quantity);
};

export const allocated = (
  state: OpenRequest,
  unit: UnitFacts,
  basis: AllocationBasis,
  sampleValidUntil: string | null,
  now: string,
): TransfusionRequestEvent => ({
  type: 'UnitAllocated',
  data: {
    ...unitOnRequest(state, unit),
    expiresAt: unit.expiresAt,
    basis,
    sampleValidUntil,
    allocatedAt: now,
  },
});
