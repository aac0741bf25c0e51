import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { openPersonalData, PERSONAL_DATA_KEYS, sealPersonalData } from '@hemotrace/platform';
import type {
  DonorPersonalData,
  SealedDonorPersonalData,
} from '../domain/donor-identity/donor-identity.decide';
import { DONOR_IDENTITIES } from './collections';
import type { DonorIdentityDoc } from './donor-identity.projection';

/** The key-store subject of a donor: also the authenticated data of the ciphertext. */
export const donorSubject = (donorId: string): string => `donor:${donorId}`;

export const sealDonorIdentity = async (
  keys: PersonalDataKeyStore,
  donorId: string,
  identity: DonorPersonalData,
): Promise<SealedDonorPersonalData> =>
  sealPersonalData(identity, await keys.createKey(donorSubject(donorId)), donorSubject(donorId));

export type DonorIdentityView =
  (DonorPersonalData & { erased: false; legacyPlaintext?: true }) | { erased: true; erasedAt: string };

/**
 * Opens a donor's identity for an authorised reader. A destroyed key wins over the read model (which
 * may not have seen the erasure yet), so an erased identity is never served again, legacy ones too.
 */
@Injectable()
export class DonorIdentityReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  async identityOf(donorId: string): Promise<DonorIdentityView | null> {
    const [doc, lookup] = await Promise.all([
      this.readModels.get<DonorIdentityDoc>(DONOR_IDENTITIES, donorId),
      this.keys.get(donorSubject(donorId)),
    ]);
    if (lookup.status === 'Destroyed') {
      return { erased: true, erasedAt: doc && 'erased' in doc ? doc.erasedAt : lookup.destroyedAt };
    }
    if (!doc) return null;
    if ('erased' in doc) return { erased: true, erasedAt: doc.erasedAt };
    if ('legacy' in doc) return { ...doc.legacy, erased: false, legacyPlaintext: true };
    if (lookup.status !== 'Live') return null;
    return {
      ...openPersonalData<DonorPersonalData>(doc.sealed, lookup.key, donorSubject(donorId)),
      erased: false,
    };
  }
}
