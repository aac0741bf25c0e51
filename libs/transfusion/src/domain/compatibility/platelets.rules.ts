import type { BloodGroup } from '@hemotrace/kernel';
import { plasmaIsAboCompatible } from '@hemotrace/kernel';
import type { PlateletAboPolicy } from '../profile/transfusion-profile';

export type PlateletAboMatch = 'IDENTICAL' | 'COMPATIBLE' | 'INCOMPATIBLE';

/**
 * CN clinical transfusion spec. (2000) art. 15: platelets ABO-identical. AABB/EU: identical is
 * preferred; a unit whose plasma is compatible with the patient's red cells is allowed. RhD is not
 * checked for platelets here (anti-D prophylaxis is a clinical decision outside this rule).
 */
export const plateletAboMatch = (unit: BloodGroup, patient: BloodGroup): PlateletAboMatch =>
  unit.abo === patient.abo
    ? 'IDENTICAL'
    : plasmaIsAboCompatible(unit.abo, patient.abo)
      ? 'COMPATIBLE'
      : 'INCOMPATIBLE';

export const plateletsAreAboAcceptableForPatient = (
  policy: PlateletAboPolicy,
  unit: BloodGroup,
  patient: BloodGroup,
): boolean => {
  const match = plateletAboMatch(unit, patient);
  return policy === 'ABO_IDENTICAL' ? match === 'IDENTICAL' : match !== 'INCOMPATIBLE';
};
