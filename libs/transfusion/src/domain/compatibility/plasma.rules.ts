import type { BloodGroup } from '@hemotrace/kernel';
import { plasmaIsAboCompatible } from '@hemotrace/kernel';
import type { CryoAboPolicy } from '../profile/transfusion-profile';

/** AABB 5.15.2: plasma must be ABO-compatible with the patient's red cells (the red-cell rule reversed). */
export const plasmaIsAboCompatibleWithPatient = (unit: BloodGroup, patient: BloodGroup): boolean =>
  plasmaIsAboCompatible(unit.abo, patient.abo);

/** Cryoprecipitate carries little plasma: the profile says whether the plasma rule applies or any group is allowed. */
export const cryoIsAboAcceptableForPatient = (
  policy: CryoAboPolicy,
  unit: BloodGroup,
  patient: BloodGroup,
): boolean => policy === 'ANY_GROUP' || plasmaIsAboCompatible(unit.abo, patient.abo);
