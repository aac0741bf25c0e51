import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitQuarantineRequested } from '../domain/investigation/investigation.events';

export const UNIT_QUARANTINE_REQUESTED_V1 = 'traceability.UnitQuarantineRequested.v1';

/** An investigation asks components to quarantine a unit still in a blood center's stock. */
export interface UnitQuarantineRequestedV1 {
  investigationId: string;
  unitId: string;
  reason: 'LOOKBACK' | 'RECALL';
  custodianSiteId: string | null;
  requestedAt: string;
}

/** The wire data it has always had (the stored fields; no recording site). */
export const unitQuarantineRequestedV1: ContractMapping<UnitQuarantineRequestedV1> = {
  context: 'traceability',
  storedType: 'UnitQuarantineRequested',
  contractType: 'UnitQuarantineRequested',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitQuarantineRequested;
    return {
      investigationId: d.investigationId,
      unitId: d.unitId,
      reason: d.reason,
      custodianSiteId: d.custodianSiteId,
      requestedAt: d.requestedAt,
    };
  },
};
