import type { Antigen, Phenotype } from '@hemotrace/kernel';
import { phenotypeSatisfies } from '@hemotrace/kernel';
import type { RequestedProduct } from '../transfusion-request/transfusion-request.event-data';

/** AABB 5.15.3: for a patient with clinically significant antibodies, red cells typed negative for each antigen; untyped does not count. */
export const unitIsTypedNegativeForEveryRequiredAntigen = (
  phenotype: Phenotype,
  required: readonly Antigen[],
): boolean => phenotypeSatisfies(phenotype, required);

export const antigensNotTypedNegative = (phenotype: Phenotype, required: readonly Antigen[]): Antigen[] =>
  required.filter((antigen) => !phenotypeSatisfies(phenotype, [antigen]));

/** Irradiation and leukoreduction concern cellular products; plasma and cryoprecipitate are exempt. */
export const isCellularProduct = (product: RequestedProduct): boolean =>
  product === 'RED_CELLS' || product === 'PLATELETS';

/** BSH 2020 irradiation guideline: a patient at risk of TA-GVHD receives irradiated cellular components only. */
export const irradiatedRequirementIsMet = (
  required: boolean,
  product: RequestedProduct,
  irradiated: boolean,
): boolean => !required || !isCellularProduct(product) || irradiated;

/** A leukoreduced request is met only by a leukoreduced cellular component. */
export const leukoreducedRequirementIsMet = (
  required: boolean,
  product: RequestedProduct,
  leukoreduced: boolean,
): boolean => !required || !isCellularProduct(product) || leukoreduced;
