import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitQualifiedContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_QUALIFIED_V1 = 'components.UnitQualified.v1';

/** The donation's laboratory qualification reached the unit: its confirmed group (and phenotype). */
export interface UnitQualifiedV1 {
  unitId: string;
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  cause: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitQualifiedV1: ContractMapping<UnitQualifiedV1> = {
  context: 'components',
  storedType: 'UnitQualified',
  contractType: 'UnitQualified',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitQualifiedContract;
    return {
      unitId: d.unitId,
      bloodGroup: d.bloodGroup,
      ...(d.phenotype !== undefined ? { phenotype: d.phenotype } : {}),
      cause: unitCauseV1(d.cause),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
