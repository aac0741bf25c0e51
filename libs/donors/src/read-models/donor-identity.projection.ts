import type { Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonorContact, DonorIdentityRecorded } from '../domain/donor-identity/donor-identity.decide';
import { DONOR_DOCUMENTS, DONOR_IDENTITIES } from './collections';

export interface DonorIdentityDoc {
  donorId: string;
  name: string;
  document: { type: string; number: string };
  birthDate: string;
  sex: string;
  contact: DonorContact;
}

/**
 * Document hashes for duplicate detection, and the identity for authorised readers. Both are personal
 * data derived from DonorIdentity streams: an erasure must clear them along with the key.
 */
export const donorIdentityProjection: Projection = {
  name: 'donors.identity',
  collections: [DONOR_DOCUMENTS, DONOR_IDENTITIES],
  handles: ['DonorIdentityRecorded'],
  apply(event: RecordedEvent, tx) {
    const { documentHash, donorId, name, document, birthDate, sex, contact } = (
      event as RecordedEvent<'DonorIdentityRecorded', DonorIdentityRecorded['data']>
    ).data;
    tx.put(DONOR_DOCUMENTS, documentHash, { donorId });
    tx.put<DonorIdentityDoc>(DONOR_IDENTITIES, donorId, { donorId, name, document, birthDate, sex, contact });
  },
};
