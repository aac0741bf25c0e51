import { ConflictError } from '@hemotrace/kernel';

/** The donor's group on record changed after the qualification was decided against it: decide again. */
export class DonorGroupOnRecordChanged extends ConflictError {
  constructor(donorId: string, din: string) {
    super(
      'LAB.DONOR_GROUP_ON_RECORD_CHANGED',
      `The group on record of donor ${donorId} changed while ${din} was concluded; conclude it again`,
      { donorId, din },
    );
  }
}
