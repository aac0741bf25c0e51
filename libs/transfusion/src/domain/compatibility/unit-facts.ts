import type { Antigen, BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { RequestedProduct } from '../transfusion-request/transfusion-request.event-data';

/** Where a unit stands in a hospital blood bank, as gathered from the hospital-stock read model. */
export type HospitalUnitStatus =
  'AVAILABLE' | 'ALLOCATED' | 'ISSUED' | 'TRANSFUSED' | 'WASTED' | 'RETURNED_TO_CENTER';

/** What the rules need to know about a unit; gathered by the handler, never read by the domain itself. */
export interface UnitFacts {
  unitId: string;
  din: string;
  productCode: string;
  /** Null for a product that is not transfused as such (e.g. frozen red cells before thawing). */
  product: RequestedProduct | null;
  bloodGroup: BloodGroup | null;
  phenotype: Phenotype;
  irradiated: boolean;
  leukoreduced: boolean;
  expiresAt: string;
  /** The blood establishment's release status (components context). */
  releaseStatus: string;
  /** The site holding the unit; null while it is still at the blood center. */
  siteId: string | null;
  hospitalStatus: HospitalUnitStatus | null;
  /** When the hospital received it (business time of the receipt); null while not received. */
  receivedAt: string | null;
}

export interface SpecialRequirements {
  irradiated: boolean;
  leukoreduced: boolean;
  antigenNegative: Antigen[];
}
