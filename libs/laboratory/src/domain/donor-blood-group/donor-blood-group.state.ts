import type { BloodGroup } from '@hemotrace/kernel';
import type { DonorBloodGroupEvent } from './donor-blood-group.events';

export type DonorBloodGroup =
  | { status: 'NoGroupOnRecord' }
  | {
      status: 'GroupOnRecord';
      bloodGroup: BloodGroup;
      din: string;
      /** Every donation this stream has heard of, recorded or in conflict: a retold one adds nothing. */
      dins: string[];
    };

export const initialDonorBloodGroup: DonorBloodGroup = { status: 'NoGroupOnRecord' };

export const evolve = (state: DonorBloodGroup, event: DonorBloodGroupEvent): DonorBloodGroup => {
  switch (event.type) {
    case 'DonorBloodGroupRecorded':
      return {
        status: 'GroupOnRecord',
        bloodGroup: event.data.bloodGroup,
        din: event.data.din,
        dins: [event.data.din],
      };
    case 'DonorBloodGroupConflictFound':
      return state.status === 'GroupOnRecord' ? { ...state, dins: [...state.dins, event.data.din] } : state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

/** The group a new determination is judged against: the donor's group on record, if any. */
export const groupOnRecord = (state: DonorBloodGroup): BloodGroup | null =>
  state.status === 'GroupOnRecord' ? state.bloodGroup : null;
