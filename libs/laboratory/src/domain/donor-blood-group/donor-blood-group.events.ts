import type { BloodGroup } from '@hemotrace/kernel';

/** The first qualified donation's ABO/RhD became the donor's group on record. */
export interface DonorBloodGroupRecorded {
  donorId: string;
  bloodGroup: BloodGroup;
  din: string;
  qualifiedAt: string;
}

/**
 * A qualified donation was grouped differently from the group on record: the record is not
 * overwritten, the disagreement is kept for investigation.
 */
export interface DonorBloodGroupConflictFound {
  donorId: string;
  onRecord: BloodGroup;
  onRecordDin: string;
  found: BloodGroup;
  din: string;
  qualifiedAt: string;
}

export type DonorBloodGroupEvent =
  | { type: 'DonorBloodGroupRecorded'; data: DonorBloodGroupRecorded }
  | { type: 'DonorBloodGroupConflictFound'; data: DonorBloodGroupConflictFound };

export const DONOR_BLOOD_GROUP_EVENT_TYPES: readonly DonorBloodGroupEvent['type'][] = [
  'DonorBloodGroupRecorded',
  'DonorBloodGroupConflictFound',
];
