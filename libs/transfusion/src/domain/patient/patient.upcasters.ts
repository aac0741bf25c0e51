import type { Upcaster } from '@hemotrace/event-sourcing';
import type { BloodGroup } from '@hemotrace/kernel';

export interface HistoricalGroupRecordedV1 {
  patientId: string;
  bloodGroup: BloodGroup;
  source: string;
  /** Business time, under a name that read as the envelope's store time. */
  recordedAt: string;
}

export interface HistoricalGroupRecordedV2 {
  patientId: string;
  bloodGroup: BloodGroup;
  source: string;
  /** When the hospital noted the historical group (business time); the envelope's recordedAt stays store time. */
  notedAt: string;
}

/** v1 -> v2: `recordedAt` in the data was business time; v2 calls it `notedAt`. */
export const historicalGroupRecordedV1ToV2: Upcaster<HistoricalGroupRecordedV1, HistoricalGroupRecordedV2> = {
  type: 'HistoricalGroupRecorded',
  fromVersion: 1,
  upcast: ({ recordedAt, ...rest }) => ({ ...rest, notedAt: recordedAt }),
};

export const patientUpcasters = [historicalGroupRecordedV1ToV2];
