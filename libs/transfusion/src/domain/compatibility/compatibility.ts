import type { BloodGroup } from '@hemotrace/kernel';
import { formatBloodGroup } from '@hemotrace/kernel';
import type { RequestedProduct } from '../transfusion-request/transfusion-request.event-data';
import type { TransfusionProfile } from '../profile/transfusion-profile';
import { cryoIsAboAcceptableForPatient, plasmaIsAboCompatibleWithPatient } from './plasma.rules';
import { plateletsAreAboAcceptableForPatient } from './platelets.rules';
import { redCellsAreAboCompatibleWithPatient, redCellsAreRhdCompatibleWithPatient } from './red-cells.rules';
import {
  antigensNotTypedNegative,
  irradiatedRequirementIsMet,
  leukoreducedRequirementIsMet,
} from './special-requirements.rules';
import type { SpecialRequirements, UnitFacts } from './unit-facts';

/** A broken compatibility rule, named so that an override can list exactly what it waived. */
export interface Finding {
  check: string;
  message: string;
}

const groupFindings = (
  product: RequestedProduct,
  unit: BloodGroup,
  patient: BloodGroup,
  profile: TransfusionProfile,
): Finding[] => {
  const u = formatBloodGroup(unit);
  const p = formatBloodGroup(patient);
  switch (product) {
    case 'RED_CELLS':
      return [
        ...(redCellsAreAboCompatibleWithPatient(unit, patient)
          ? []
          : [{ check: 'ABO', message: `${u} red cells are ABO-incompatible with a ${p} patient` }]),
        ...(redCellsAreRhdCompatibleWithPatient(unit, patient)
          ? []
          : [{ check: 'RHD', message: `${u} red cells are RhD-incompatible with a ${p} patient` }]),
      ];
    case 'PLASMA':
      return plasmaIsAboCompatibleWithPatient(unit, patient)
        ? []
        : [{ check: 'ABO', message: `${u} plasma is ABO-incompatible with a ${p} patient` }];
    case 'PLATELETS':
      return plateletsAreAboAcceptableForPatient(profile.plateletAboPolicy, unit, patient)
        ? []
        : [
            {
              check: 'ABO',
              message: `${u} platelets do not meet ${profile.plateletAboPolicy} for a ${p} patient`,
            },
          ];
    case 'CRYO':
      return cryoIsAboAcceptableForPatient(profile.cryoAboPolicy, unit, patient)
        ? []
        : [{ check: 'ABO', message: `${u} cryoprecipitate is ABO-incompatible with a ${p} patient` }];
    default: {
      const unreachable: never = product;
      return unreachable;
    }
  }
};

/**
 * Every compatibility rule a unit breaks for this patient and request: group, antigen-negative
 * (red cells), irradiated and leukoreduced. Status and expiry are checked apart: no override waives them.
 */
export const compatibilityFindings = (
  product: RequestedProduct,
  unit: UnitFacts,
  patientGroup: BloodGroup | null,
  requirements: SpecialRequirements,
  profile: TransfusionProfile,
): Finding[] => {
  const group: Finding[] =
    unit.bloodGroup === null
      ? [{ check: 'ABO', message: 'the unit has no confirmed ABO/RhD group' }]
      : patientGroup === null
        ? [{ check: 'ABO', message: 'the patient group is unknown' }]
        : groupFindings(product, unit.bloodGroup, patientGroup, profile);
  const antigens =
    product === 'RED_CELLS'
      ? antigensNotTypedNegative(unit.phenotype, requirements.antigenNegative).map((antigen) => ({
          check: `ANTIGEN_NEGATIVE:${antigen}`,
          message: `the unit is not typed ${antigen}-negative`,
        }))
      : [];
  return [
    ...group,
    ...antigens,
    ...(irradiatedRequirementIsMet(requirements.irradiated, product, unit.irradiated)
      ? []
      : [{ check: 'IRRADIATED', message: 'the unit is not irradiated' }]),
    ...(leukoreducedRequirementIsMet(requirements.leukoreduced, product, unit.leukoreduced)
      ? []
      : [{ check: 'LEUKOREDUCED', message: 'the unit is not leukoreduced' }]),
  ];
};
