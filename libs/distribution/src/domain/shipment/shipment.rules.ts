import type { CustodianType, ProductCategory, UnitStatus } from '@hemotrace/components';
import { onlyReleasedUnexpiredUnitsMayBeUsed } from '@hemotrace/components';
import type { DistributionProfile } from './distribution.profile';
import { within } from './distribution.profile';
import { NotConsignee, NotShipper, TransportTemperatureOutOfRange, UnitNotInStock } from './shipment.errors';
import type { Shipment } from './shipment.state';

/** What distribution needs to know about a unit, read from the components context. */
export interface PackableUnit {
  unitId: string;
  productCode: string;
  productType: string;
  category: ProductCategory;
  status: UnitStatus;
  expiresAt: string;
  siteId: string;
  custodianType: CustodianType;
  inTransitShipmentId?: string;
  volumeMl: number;
  bloodUnits?: number;
  plateletDoses?: number;
}

/** China 2019 procedures 8.1 / 21 CFR 606.165: a center ships only units it holds, released and in date. */
export const unitMayLeaveSender = (unit: PackableUnit, shipment: Shipment, at: string): void => {
  onlyReleasedUnexpiredUnitsMayBeUsed(unit, at);
  if (
    unit.siteId !== shipment.fromSiteId ||
    unit.custodianType !== 'BLOOD_CENTER' ||
    unit.inTransitShipmentId
  ) {
    throw new UnitNotInStock(`Unit ${unit.unitId} is not in stock at ${shipment.fromSiteId}`, {
      unitId: unit.unitId,
      heldBy: unit.siteId,
      inTransitShipmentId: unit.inTransitShipmentId ?? null,
    });
  }
};

/** Custody: only the sending site's staff pack and dispatch; only the consignee receives. */
export const actorIsShipper = (shipment: Shipment, siteId: string): void => {
  if (shipment.fromSiteId !== siteId) throw new NotShipper(siteId, shipment.fromSiteId);
};

export const actorIsConsignee = (shipment: Shipment, siteId: string): void => {
  if (shipment.toSiteId !== siteId) throw new NotConsignee(siteId, shipment.toSiteId);
};

/** China 2019 procedures 9.2 (AABB 5.1.8): the cold-chain box keeps every product in its transport range. */
export const transportTemperatureSuitsEveryUnit = (
  shipment: Shipment,
  temperatureC: number,
  profile: DistributionProfile,
): void => {
  const categories = [...new Set(shipment.units.map((u) => u.category))];
  const unsuitable = categories.filter((c) => !within(profile.transport[c], temperatureC));
  if (unsuitable.length > 0) {
    throw new TransportTemperatureOutOfRange(
      `${temperatureC} C is outside the transport range of ${unsuitable.join(', ')}`,
      { temperatureC, categories: unsuitable, ranges: unsuitable.map((c) => profile.transport[c]) },
    );
  }
};

/** Hospital returns go back into stock only when kept in range and returned in time; else they are discarded. */
export const returnDisposition = (
  category: ProductCategory,
  temperatureC: number,
  hoursSinceReceipt: number,
  profile: DistributionProfile,
): { disposition: 'RESTOCKED' | 'DISCARDED'; reason?: string } => {
  if (hoursSinceReceipt > profile.returns.maxHoursSinceReceipt) {
    return { disposition: 'DISCARDED', reason: `returned after ${profile.returns.maxHoursSinceReceipt} h` };
  }
  if (!within(profile.returns.temperature[category], temperatureC)) {
    return { disposition: 'DISCARDED', reason: `returned at ${temperatureC} C` };
  }
  return { disposition: 'RESTOCKED' };
};
