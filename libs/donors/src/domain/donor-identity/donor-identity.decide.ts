import type { Decider } from '@hemotrace/event-sourcing';
import { ConflictError } from '@hemotrace/kernel';
import type { Sex } from '../profiles';

export type DocumentType = 'RESIDENT_ID_CARD' | 'PASSPORT' | 'MILITARY_ID' | 'OTHER';

export interface DonorContact {
  phone?: string;
  email?: string;
  address?: string;
}

/** What a donor's identity key protects. */
export interface DonorPersonalData {
  name: string;
  document: { type: DocumentType; number: string };
  birthDate: string;
  sex: Sex;
  contact: DonorContact;
}

/**
 * Sealed as in @hemotrace/platform `SealedPersonalData` (AES-256-GCM); the domain keeps its own
 * structural copy so it has no platform import.
 */
export interface SealedDonorPersonalData {
  alg: 'AES-256-GCM';
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Personal data, in its own stream DonorIdentity-<id>, encrypted with a key per person: destroying
 * the key erases it (crypto-shredding) without touching the hash chain, which covers the ciphertext.
 * Events written before encryption carry the fields in clear (legacy shape, still read).
 */
export interface DonorIdentityRecorded {
  type: 'DonorIdentityRecorded';
  data: {
    donorId: string;
    /** SHA-256 of the document type and normalised number: duplicate detection without the number. */
    documentHash: string;
    recordedAt: string;
  } & ({ sealed: SealedDonorPersonalData } | DonorPersonalData);
}

export const isLegacyPlaintextIdentity = (
  data: DonorIdentityRecorded['data'],
): data is DonorIdentityRecorded['data'] & DonorPersonalData => !('sealed' in data);

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
