import type { BloodGroup } from '@hemotrace/kernel';
import { redCellsAreAboCompatible, redCellsAreRhdCompatible } from '@hemotrace/kernel';

/** CN clinical transfusion spec. art. 15 / AABB 5.15.1: red cells must be ABO-compatible with the patient's plasma. */
export const redCellsAreAboCompatibleWithPatient = (unit: BloodGroup, patient: BloodGroup): boolean =>
  redCellsAreAboCompatible(unit.abo, patient.abo);

/** AABB 5.15.1: RhD-negative patients receive RhD-negative red cells. */
export const redCellsAreRhdCompatibleWithPatient = (unit: BloodGroup, patient: BloodGroup): boolean =>
  redCellsAreRhdCompatible(unit.rhd, patient.rhd);
