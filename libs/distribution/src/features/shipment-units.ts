import type { UnitRecord } from '@hemotrace/components';
import type { PackableUnit } from '../domain/shipment/shipment.rules';

export const packable = (unit: UnitRecord): PackableUnit => ({
  unitId: unit.unitId,
  productCode: unit.productCode,
  productType: unit.productType,
  category: unit.category,
  status: unit.status,
  expiresAt: unit.expiresAt,
  siteId: unit.siteId,
  custodianType: unit.custodianType,
  ...(unit.inTransitShipmentId ? { inTransitShipmentId: unit.inTransitShipmentId } : {}),
  volumeMl: unit.volumeMl,
  ...(unit.bloodUnits !== undefined ? { bloodUnits: unit.bloodUnits } : {}),
  ...(unit.plateletDoses !== undefined ? { plateletDoses: unit.plateletDoses } : {}),
});
