import { DomainError } from '../errors';

/**
 * Words every context uses for a blood unit, and the one rule they all apply before a unit is
 * used: components decides it for processing and issue, distribution for dispatch.
 */
export type ProductCategory = 'WHOLE_BLOOD' | 'RED_CELLS' | 'PLASMA' | 'CRYO' | 'PLATELETS';

export type UnitStatus =
  'Quarantined' | 'Released' | 'Discarded' | 'Expired' | 'Consumed' | 'Transfused' | 'Wasted';

export type CustodianType = 'BLOOD_CENTER' | 'HOSPITAL';

export class UnitNotReleased extends DomainError {
  constructor(unitId: string, status: string) {
    super('COMP.UNIT_NOT_RELEASED', `Unit ${unitId} is ${status}, not Released`, { unitId, status });
  }
}

export class UnitExpired extends DomainError {
  constructor(unitId: string, expiresAt: string) {
    super('COMP.UNIT_EXPIRED', `Unit ${unitId} expired at ${expiresAt}`, { unitId, expiresAt });
  }
}

/** A unit past its expiry date and time is never used (GB 18469; 21 CFR 606.122). */
export const unitHasExpired = (unit: { expiresAt: string }, at: string): boolean =>
  new Date(at).getTime() >= new Date(unit.expiresAt).getTime();

/** China 2019 procedures 7.1: only released (tested and cleared), unexpired units leave quarantine storage for use. */
export const onlyReleasedUnexpiredUnitsMayBeUsed = (
  unit: { unitId: string; status: UnitStatus; expiresAt: string },
  at: string,
): void => {
  if (unit.status !== 'Released') throw new UnitNotReleased(unit.unitId, unit.status);
  if (unitHasExpired(unit, at)) throw new UnitExpired(unit.unitId, unit.expiresAt);
};
