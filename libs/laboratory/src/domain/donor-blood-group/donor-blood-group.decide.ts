import type { Decider } from '@hemotrace/event-sourcing';
import type { BloodGroup } from '@hemotrace/kernel';
import { sameGroup } from '../donation-testing/donation-testing.rules';
import type { DonorBloodGroupEvent } from './donor-blood-group.events';
import type { DonorBloodGroup } from './donor-blood-group.state';
import { DonorGroupOnRecordChanged } from './donor-blood-group.errors';
import { evolve, groupOnRecord, initialDonorBloodGroup } from './donor-blood-group.state';

const sameRecord = (a: BloodGroup | null, b: BloodGroup | null): boolean =>
  a === null || b === null ? a === b : sameGroup(a, b);

/** The laboratory's stream per donor: the ABO/RhD on record, against which later groupings are judged. */
export const donorBloodGroupStreamId = (donorId: string): string => `DonorBloodGroup-${donorId}`;

export interface RecordDonorBloodGroup {
  type: 'RecordDonorBloodGroup';
  donorId: string;
  din: string;
  bloodGroup: BloodGroup;
  qualifiedAt: string;
  /**
   * The group on record the qualification was decided against (null: none). When the stream no
   * longer holds it, the qualification is refused with everything appended beside it, and decided
   * again on the record as it is now.
   */
  judgedAgainst?: BloodGroup | null;
}

export type DonorBloodGroupCommand = RecordDonorBloodGroup;

/**
 * 21 CFR 640.5(b), China 2019 blood typing: a donor's ABO/RhD does not change. The first qualified
 * donation's group is the one on record; a later donation grouped otherwise is a conflict kept
 * beside it for investigation, never an overwrite. A donation already heard of adds nothing.
 */
export const aDonorKeepsTheGroupOnRecord = (
  cmd: RecordDonorBloodGroup,
  state: DonorBloodGroup,
): DonorBloodGroupEvent[] => {
  const { donorId, din, bloodGroup, qualifiedAt } = cmd;
  if (cmd.judgedAgainst !== undefined && !sameRecord(groupOnRecord(state), cmd.judgedAgainst)) {
    throw new DonorGroupOnRecordChanged(donorId, din);
  }
  if (state.status === 'NoGroupOnRecord') {
    return [{ type: 'DonorBloodGroupRecorded', data: { donorId, bloodGroup, din, qualifiedAt } }];
  }
  if (state.dins.includes(din) || sameGroup(state.bloodGroup, bloodGroup)) return [];
  return [
    {
      type: 'DonorBloodGroupConflictFound',
      data: {
        donorId,
        onRecord: state.bloodGroup,
        onRecordDin: state.din,
        found: bloodGroup,
        din,
        qualifiedAt,
      },
    },
  ];
};

export const donorBloodGroupDecider: Decider<DonorBloodGroupCommand, DonorBloodGroupEvent, DonorBloodGroup> =
  {
    initialState: initialDonorBloodGroup,
    decide: (command, state) => {
      switch (command.type) {
        case 'RecordDonorBloodGroup':
          return aDonorKeepsTheGroupOnRecord(command, state);
        default: {
          const _exhaustive: never = command.type;
          return [];
        }
      }
    },
    evolve,
  };
