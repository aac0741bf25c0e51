import type { ContractMapping } from '@hemotrace/messaging';
import type { BloodGroup } from '@hemotrace/kernel';
import type { HistoricalGroupRecordedV2 } from '../domain/patient/patient.upcasters';

/** `transfusion.HistoricalGroupRecorded.v1`: the wire shape subscribers have always received. */
export interface HistoricalGroupRecordedV1Contract {
  patientId: string;
  bloodGroup: BloodGroup;
  source: string;
  recordedAt: string;
  recordedAtSite: string;
}

export const historicalGroupRecordedV1: ContractMapping<HistoricalGroupRecordedV1Contract> = {
  context: 'transfusion',
  storedType: 'HistoricalGroupRecorded',
  contractType: 'HistoricalGroupRecorded',
  version: 1,
  toContract: (recorded) => {
    const { notedAt, ...rest } = recorded.data as HistoricalGroupRecordedV2;
    return { ...rest, recordedAt: notedAt, recordedAtSite: recorded.actor.siteId };
  },
};
