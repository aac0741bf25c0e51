import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { openPersonalData, sealPersonalData } from '@hemotrace/platform';
import type {
  PatientPersonalData,
  SealedPatientPersonalData,
} from '../domain/patient-identity/patient-identity.events';
import type { PatientIdentityDoc, PatientIdentityView } from './patient-records.projection';

/** The key-store subject of a patient: also the authenticated data of the ciphertext. */
export const patientSubject = (patientId: string): string => `patient:${patientId}`;

export const sealPatientIdentity = async (
  keys: PersonalDataKeyStore,
  patientId: string,
  identity: PatientPersonalData,
): Promise<SealedPatientPersonalData> =>
  sealPersonalData(identity, await keys.createKey(patientSubject(patientId)), patientSubject(patientId));

/** A destroyed key wins over the read model (which may not have seen the erasure yet). */
export const openPatientIdentity = async (
  keys: PersonalDataKeyStore,
  doc: PatientIdentityDoc,
): Promise<PatientIdentityView | null> => {
  const { patientId, hospitalSiteId } = doc;
  const lookup = await keys.get(patientSubject(patientId));
  if (lookup.status === 'Destroyed')
    return {
      patientId,
      hospitalSiteId,
      erased: true,
      erasedAt: 'erased' in doc ? doc.erasedAt : lookup.destroyedAt,
    };
  if ('erased' in doc) return { patientId, hospitalSiteId, erased: true, erasedAt: doc.erasedAt };
  if ('legacy' in doc)
    return { patientId, hospitalSiteId, ...doc.legacy, erased: false, legacyPlaintext: true };
  if (lookup.status !== 'Live') return null;
  return {
    patientId,
    hospitalSiteId,
    ...openPersonalData<PatientPersonalData>(doc.sealed, lookup.key, patientSubject(patientId)),
    erased: false,
  };
};
