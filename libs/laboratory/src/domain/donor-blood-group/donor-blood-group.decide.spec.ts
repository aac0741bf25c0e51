import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { BloodGroup } from '@hemotrace/kernel';
import type { RecordDonorBloodGroup } from './donor-blood-group.decide';
import { donorBloodGroupDecider } from './donor-blood-group.decide';
import { DonorGroupOnRecordChanged } from './donor-blood-group.errors';
import type { DonorBloodGroupEvent } from './donor-blood-group.events';

const given = DeciderSpecification.for(donorBloodGroupDecider);
const donorId = 'donor-1';
const A_POS: BloodGroup = { abo: 'A', rhd: 'POS' };
const A_NEG: BloodGroup = { abo: 'A', rhd: 'NEG' };
const B_POS: BloodGroup = { abo: 'B', rhd: 'POS' };

const record = (din: string, bloodGroup: BloodGroup, qualifiedAt: string): RecordDonorBloodGroup => ({
  type: 'RecordDonorBloodGroup',
  donorId,
  din,
  bloodGroup,
  qualifiedAt,
});
const recorded = (din: string, bloodGroup: BloodGroup, qualifiedAt: string): DonorBloodGroupEvent => ({
  type: 'DonorBloodGroupRecorded',
  data: { donorId, bloodGroup, din, qualifiedAt },
});

describe("the donor's blood group on record", () => {
  it("records the first qualified donation's group, dated by the qualification", () => {
    given([])
      .when(record('W1', A_POS, '2024-03-02T10:00:00.000Z'))
      .then([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')]);
  });

  it('adds nothing for a later donation grouped the same', () => {
    given([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')])
      .when(record('W2', A_POS, '2024-09-02T10:00:00.000Z'))
      .thenNothingHappens();
  });

  it('keeps the group on record and records the conflict when a later donation is grouped otherwise', () => {
    given([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')])
      .when(record('W2', B_POS, '2024-09-02T10:00:00.000Z'))
      .then([
        {
          type: 'DonorBloodGroupConflictFound',
          data: {
            donorId,
            onRecord: A_POS,
            onRecordDin: 'W1',
            found: B_POS,
            din: 'W2',
            qualifiedAt: '2024-09-02T10:00:00.000Z',
          },
        },
      ]);
  });

  it('treats an RhD difference alone as a conflict', () => {
    given([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')])
      .when(record('W2', A_NEG, '2024-09-02T10:00:00.000Z'))
      .then([
        {
          type: 'DonorBloodGroupConflictFound',
          data: {
            donorId,
            onRecord: A_POS,
            onRecordDin: 'W1',
            found: A_NEG,
            din: 'W2',
            qualifiedAt: '2024-09-02T10:00:00.000Z',
          },
        },
      ]);
  });

  it('adds nothing when a donation it already heard of is told again (a replay, or the backfill)', () => {
    given([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')])
      .when(record('W1', A_POS, '2024-03-02T10:00:00.000Z'))
      .thenNothingHappens();
    given([
      recorded('W1', A_POS, '2024-03-02T10:00:00.000Z'),
      {
        type: 'DonorBloodGroupConflictFound',
        data: {
          donorId,
          onRecord: A_POS,
          onRecordDin: 'W1',
          found: B_POS,
          din: 'W2',
          qualifiedAt: '2024-09-02T10:00:00.000Z',
        },
      },
    ])
      .when(record('W2', B_POS, '2024-09-02T10:00:00.000Z'))
      .thenNothingHappens();
  });

  it('refuses a qualification decided against no group on record once another donation put one there', () => {
    given([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')])
      .when({ ...record('W2', B_POS, '2024-09-02T10:00:00.000Z'), judgedAgainst: null })
      .thenThrows(DonorGroupOnRecordChanged, 'LAB.DONOR_GROUP_ON_RECORD_CHANGED');
  });

  it('records a qualification decided against the group on record as it still is', () => {
    given([])
      .when({ ...record('W1', A_POS, '2024-03-02T10:00:00.000Z'), judgedAgainst: null })
      .then([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')]);
    given([recorded('W1', A_POS, '2024-03-02T10:00:00.000Z')])
      .when({ ...record('W2', A_POS, '2024-09-02T10:00:00.000Z'), judgedAgainst: A_POS })
      .thenNothingHappens();
  });
});
