import { onlyReleasedUnexpiredUnitsMayBeUsed, unitHasExpired } from '@hemotrace/kernel';
import type { ProductDefinition, TemperatureRange } from '../catalog/product-catalog';
import {
  PreparedBeforeCollection,
  ProcessingTimeLimitExceeded,
  UnitAlreadyFinal,
  UnitInTransit,
  UnitNotAtSite,
} from './unit.errors';
import type { Unit, UnitState } from './unit.state';
import { isFinal } from './unit.state';

const hoursBetween = (fromIso: string, toIso: string): number =>
  (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 3_600_000;

/** China 2019 procedures 6.2 (and 21 CFR 640.34): plasma and platelets are separated within a set time of collection. */
export const preparedWithinProcessingTimeLimit = (
  product: ProductDefinition,
  collectionEndedAt: string,
  preparedAt: string,
): void => {
  const hours = hoursBetween(collectionEndedAt, preparedAt);
  if (hours < 0) throw new PreparedBeforeCollection(preparedAt, collectionEndedAt);
  if (product.processingLimitHours !== undefined && hours > product.processingLimitHours) {
    throw new ProcessingTimeLimitExceeded(product.descriptionCode, product.processingLimitHours, hours);
  }
};

export { onlyReleasedUnexpiredUnitsMayBeUsed, unitHasExpired };

/** Custody (GMP chain of custody): a site acts only on units it holds, and not on units on the road. */
export const unitIsInStockAt = (unit: Unit, siteId: string): void => {
  if (unit.custody.siteId !== siteId) throw new UnitNotAtSite(unit.unitId, siteId);
  if (unit.inTransit) throw new UnitInTransit(unit.unitId, unit.inTransit.shipmentId);
};

/** Discarded, expired or consumed units have left the inventory for good (records stay). */
export const unitIsStillInInventory = (state: Unit): void => {
  if (isFinal(state)) throw new UnitAlreadyFinal(state.unitId, state.status);
};

/** A unit may be processed further (divided, pooled, modified) only when released, unexpired and held here. */
export const unitMayBeProcessed = (state: UnitState, siteId: string, at: string): Unit => {
  if (state.status === 'None') throw new Error('unitMayBeProcessed needs a prepared unit');
  unitIsStillInInventory(state);
  onlyReleasedUnexpiredUnitsMayBeUsed(state, at);
  unitIsInStockAt(state, siteId);
  return state;
};

/** Storage equipment must keep the product within its storage range (GB 18469 table 1; 21 CFR 640). */
export const equipmentHoldsProductRange = (equipment: TemperatureRange, product: TemperatureRange): boolean =>
  equipment.minC >= product.minC && equipment.maxC <= product.maxC;
