import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitReturnedContract } from './distribution.contracts';

export const UNIT_RETURNED_V1 = 'distribution.UnitReturned.v1';

/** A hospital returned an issued unit: restocked or discarded, custody returns to the center. */
export type UnitReturnedV1 = UnitReturnedContract & { recordedAtSite: string };

export const unitReturnedV1: ContractMapping<UnitReturnedV1> = {
  context: 'distribution',
  storedType: 'UnitReturned',
  contractType: 'UnitReturned',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitReturnedContract;
    return {
      shipmentId: d.shipmentId,
      unitId: d.unitId,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      temperatureC: d.temperatureC,
      hoursSinceReceipt: d.hoursSinceReceipt,
      disposition: d.disposition,
      ...(d.reason !== undefined ? { reason: d.reason } : {}),
      returnedAt: d.returnedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
