import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitTransfusionRecordedContract } from './components.contracts';
import type { UnitCauseV1 } from './unit-cause.v1';
import { unitCauseV1 } from './unit-cause.v1';

export const UNIT_TRANSFUSION_RECORDED_V1 = 'components.UnitTransfusionRecorded.v1';

/** The unit was transfused: it has left stock for good. */
export interface UnitTransfusionRecordedV1 {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  transfusedAt: string;
  cause: UnitCauseV1;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitTransfusionRecordedV1: ContractMapping<UnitTransfusionRecordedV1> = {
  context: 'components',
  storedType: 'UnitTransfusionRecorded',
  contractType: 'UnitTransfusionRecorded',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitTransfusionRecordedContract;
    return {
      unitId: d.unitId,
      requestId: d.requestId,
      hospitalSiteId: d.hospitalSiteId,
      transfusedAt: d.transfusedAt,
      cause: unitCauseV1(d.cause),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
