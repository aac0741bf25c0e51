import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitPackedContract } from './distribution.contracts';

export const UNIT_PACKED_V1 = 'distribution.UnitPacked.v1';

/** A unit was packed into a shipment: what it is and how it counts (red-cell units, platelet doses) in supply reports. */
export type UnitPackedV1 = UnitPackedContract & { recordedAtSite: string };

export const unitPackedV1: ContractMapping<UnitPackedV1> = {
  context: 'distribution',
  storedType: 'UnitPacked',
  contractType: 'UnitPacked',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitPackedContract;
    return {
      shipmentId: d.shipmentId,
      unitId: d.unitId,
      productCode: d.productCode,
      productType: d.productType,
      category: d.category,
      volumeMl: d.volumeMl,
      ...(d.bloodUnits !== undefined ? { bloodUnits: d.bloodUnits } : {}),
      ...(d.plateletDoses !== undefined ? { plateletDoses: d.plateletDoses } : {}),
      expiresAt: d.expiresAt,
      packedAt: d.packedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
