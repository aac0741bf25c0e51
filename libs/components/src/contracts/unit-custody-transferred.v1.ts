import type { CustodianType } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitCustodyTransferredContract } from './components.contracts';

export const UNIT_CUSTODY_TRANSFERRED_V1 = 'components.UnitCustodyTransferred.v1';

/** Custody of the unit moved: received by the consignee, or returned to its blood center. */
export interface UnitCustodyTransferredV1 {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  custodianType: CustodianType;
  via: 'RECEIVED' | 'RETURNED';
  at: string;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitCustodyTransferredV1: ContractMapping<UnitCustodyTransferredV1> = {
  context: 'components',
  storedType: 'UnitCustodyTransferred',
  contractType: 'UnitCustodyTransferred',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitCustodyTransferredContract;
    return {
      unitId: d.unitId,
      shipmentId: d.shipmentId,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      custodianType: d.custodianType,
      via: d.via,
      at: d.at,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
