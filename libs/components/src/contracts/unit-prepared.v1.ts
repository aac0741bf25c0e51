import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { PreparationMethod, ProductType, UnitPreparedContract } from './components.contracts';

export const UNIT_PREPARED_V1 = 'components.UnitPrepared.v1';

/** A unit exists: its product, group, volume, expiry, where it was made and from what (donation or parent units). */
export interface UnitPreparedV1 {
  unitId: string;
  din: string;
  donorId: string;
  productCode: string;
  descriptionCode: string;
  productType: ProductType;
  bloodGroup?: BloodGroup;
  phenotype?: Phenotype;
  volumeMl: number;
  plateletDoses?: number;
  bloodUnits?: number;
  preparedAt: string;
  expiresAt: string;
  siteId: string;
  parentUnitIds: string[];
  sourceDins: string[];
  method: PreparationMethod;
  equipmentId: string;
  status: 'Quarantined' | 'Released';
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitPreparedV1: ContractMapping<UnitPreparedV1> = {
  context: 'components',
  storedType: 'UnitPrepared',
  contractType: 'UnitPrepared',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitPreparedContract;
    return {
      unitId: d.unitId,
      din: d.din,
      donorId: d.donorId,
      productCode: d.productCode,
      descriptionCode: d.descriptionCode,
      productType: d.productType,
      ...(d.bloodGroup !== undefined ? { bloodGroup: d.bloodGroup } : {}),
      ...(d.phenotype !== undefined ? { phenotype: d.phenotype } : {}),
      volumeMl: d.volumeMl,
      ...(d.plateletDoses !== undefined ? { plateletDoses: d.plateletDoses } : {}),
      ...(d.bloodUnits !== undefined ? { bloodUnits: d.bloodUnits } : {}),
      preparedAt: d.preparedAt,
      expiresAt: d.expiresAt,
      siteId: d.siteId,
      parentUnitIds: [...d.parentUnitIds],
      sourceDins: [...d.sourceDins],
      method: d.method,
      equipmentId: d.equipmentId,
      status: d.status,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
