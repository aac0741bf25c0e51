import type { CustodianType, ProductCategory, UnitStatus } from '@hemotrace/kernel';
import { onlyReleasedUnexpiredUnitsMayBeUsed } from '@hemotrace/kernel';
import type { AllianceFacts, SiteFacts, SiteType } from '@hemotrace/kernel';
import type { ShipmentType } from './shipment.event-data';
import type { DistributionProfile } from './distribution.profile';
import { within } from './distribution.profile';
import {
  AllianceNotRegistered,
  ConsigneeInactive,
  ConsigneeNotRegistered,
  ConsigneeWrongType,
  NotAllianceMembers,
  NotConsignee,
  NotShipper,
  TransportTemperatureOutOfRange,
  UnitNotInStock,
} from './shipment.errors';
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

/** Who may receive each kind of shipment: a hospital its issues, a blood center transfers between centers. */
export const CONSIGNEE_TYPE: Record<ShipmentType, SiteType> = {
  HOSPITAL_ISSUE: 'HOSPITAL',
  CENTER_TRANSFER: 'BLOOD_CENTER',
  EMERGENCY_TRANSFER: 'BLOOD_CENTER',
};

/**
 * 21 CFR 606.165 / EU 2005/61/EC Art. 2 and China 2019 procedures 8.1: the distribution record
 * names a known consignee; a shipment goes only to a registered, active site of the type that
 * receives that kind of shipment.
 */
export const shipmentGoesToARegisteredActiveConsigneeOfTheRightType = (
  shipmentType: ShipmentType,
  consignee: SiteFacts,
): void => {
  if (!consignee.registered) {
    throw new ConsigneeNotRegistered(`Site ${consignee.siteId} is not a registered site`, {
      toSiteId: consignee.siteId,
    });
  }
  if (!consignee.active) {
    throw new ConsigneeInactive(`Site ${consignee.siteId} is inactive`, { toSiteId: consignee.siteId });
  }
  const expected = CONSIGNEE_TYPE[shipmentType];
  if (consignee.siteType !== expected) {
    throw new ConsigneeWrongType(
      `A ${shipmentType} goes to a ${expected}; ${consignee.siteId} is a ${consignee.siteType}`,
      { toSiteId: consignee.siteId, siteType: consignee.siteType, expected },
    );
  }
};

/** Regional emergency supply agreements: an emergency transfer is made only between members of the alliance it names. */
export const emergencyTransferIsBetweenAllianceMembers = (
  alliance: AllianceFacts | undefined,
  fromSiteId: string,
  toSiteId: string,
): void => {
  if (!alliance?.registered) {
    throw new AllianceNotRegistered(`Alliance ${alliance?.allianceId ?? ''} is not registered`, {
      allianceId: alliance?.allianceId ?? null,
    });
  }
  const outside = [fromSiteId, toSiteId].filter((siteId) => !alliance.members.includes(siteId));
  if (outside.length > 0) {
    throw new NotAllianceMembers(
      `${outside.join(' and ')} ${outside.length > 1 ? 'are' : 'is'} not a member of ${alliance.allianceId}`,
      { allianceId: alliance.allianceId, notMembers: outside },
    );
  }
};
