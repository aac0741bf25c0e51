import type { Decider } from '@hemotrace/event-sourcing';
import { ConflictError } from '@hemotrace/kernel';
import type { Sex } from '../profiles';

export type DocumentType = 'RESIDENT_ID_CARD' | 'PASSPORT' | 'MILITARY_ID' | 'OTHER';

export interface DonorContact {
  phone?: string;
  email?: string;
  address?: string;
}

/**
 * Personal data, in its own stream DonorIdentity-<id> so that it can be encrypted with a key per person
 * and erased by destroying that key (crypto-shredding) without touching the traceability hash chain.
 */
export interface DonorIdentityRecorded {
  type: 'DonorIdentityRecorded';
  data: {
    donorId: string;
    name: string;
    document: { type: DocumentType; number: string };
    /** SHA-256 of the document type and normalised number: duplicate detection without the number. */
    documentHash: string;
    birthDate: string;
    sex: Sex;
    contact: DonorContact;
    recordedAt: string;
  };
}

export type DonorIdentityEvent = DonorIdentityRecorded;

export interface RecordDonorIdentity {
  type: 'RecordDonorIdentity';
  identity: DonorIdentityRecorded['data'];
}

export type DonorIdentityState = { status: 'Unknown' } | { status: 'Recorded'; donorId: string };

export class DonorIdentityAlreadyRecorded extends ConflictError {
  constructor(donorId: string) {
    super('DONORS.IDENTITY_ALREADY_RECORDED', `The identity of donor ${donorId} is already recorded`, {
      donorId,
    });
  }
}

export const recordDonorIdentity = (
  cmd: RecordDonorIdentity,
  state: DonorIdentityState,
): DonorIdentityEvent[] => {
  if (state.status === 'Recorded') throw new DonorIdentityAlreadyRecorded(state.donorId);
  return [{ type: 'DonorIdentityRecorded', data: cmd.identity }];
};

export const donorIdentityDecider: Decider<RecordDonorIdentity, DonorIdentityEvent, DonorIdentityState> = {
  initialState: { status: 'Unknown' },
  decide: (command, state) => recordDonorIdentity(command, state),
  evolve: (_state, event) => ({ status: 'Recorded', donorId: event.data.donorId }),
};
