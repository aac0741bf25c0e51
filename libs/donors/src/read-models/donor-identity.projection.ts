import type { Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonorPersonalDataErased } from '../domain/donor/donor.events';
import type {
  DonorIdentityRecorded,
  DonorPersonalData,
  SealedDonorPersonalData,
} from '../domain/donor-identity/donor-identity.decide';
import { isLegacyPlaintextIdentity } from '../domain/donor-identity/donor-identity.decide';
import { DONOR_DOCUMENTS, DONOR_IDENTITIES } from './collections';

/**
 * The read model keeps what the log keeps: the ciphertext (opened by the query with the donor's key),
 * a legacy plaintext identity, or, after an erasure, only the fact and its time.
 */
export type DonorIdentityDoc = { donorId: string } & (
  { sealed: SealedDonorPersonalData } | { legacy: DonorPersonalData } | { erased: true; erasedAt: string }
);

/**
 * Document hashes for duplicate detection (kept after an erasure: see README, "Erasable personal
 * data"), and the identity for authorised readers.
 */
export const donorIdentityProjection: Projection = {
  name: 'donors.identity',
  collections: [DONOR_DOCUMENTS, DONOR_IDENTITIES],
  handles: ['DonorIdentityRecorded', 'DonorPersonalDataErased'],
  apply(event: RecordedEvent, tx) {
    if (event.type === 'DonorPersonalDataErased') {
      const { donorId, erasedAt } = (event as RecordedEvent<string, DonorPersonalDataErased['data']>).data;
      tx.put<DonorIdentityDoc>(DONOR_IDENTITIES, donorId, { donorId, erased: true, erasedAt });
      return;
    }
    const data = (event as RecordedEvent<'DonorIdentityRecorded', DonorIdentityRecorded['data']>).data;
    tx.put(DONOR_DOCUMENTS, data.documentHash, { donorId: data.donorId });
    if (isLegacyPlaintextIdentity(data)) {
      const { name, document, birthDate, sex, contact } = data;
      tx.put<DonorIdentityDoc>(DONOR_IDENTITIES, data.donorId, {
        donorId: data.donorId,
        legacy: { name, document, birthDate, sex, contact },
      });
      return;
    }
    tx.put<DonorIdentityDoc>(DONOR_IDENTITIES, data.donorId, { donorId: data.donorId, sealed: data.sealed });
  },
};
