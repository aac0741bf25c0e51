export type Sex = 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';

/** What a patient's identity key protects. */
export interface PatientPersonalData {
  /** The hospital's own patient id (medical record number). */
  mrn: string;
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: Sex;
}

/** AES-256-GCM ciphertext as @hemotrace/platform `SealedPersonalData` seals it (structural copy). */
export interface SealedPatientPersonalData {
  alg: 'AES-256-GCM';
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Personal data, kept apart from the traceability stream and encrypted with a key per patient, so it
 * can be erased (crypto-shredding) without breaking the hash chain, which covers the ciphertext.
 * Events written before encryption carry the fields in clear (legacy shape, still read).
 */
export type PatientIdentityEvent = {
  type: 'PatientIdentityRecorded';
  data: { patientId: string; hospitalSiteId: string; recordedAt: string } & (
    { sealed: SealedPatientPersonalData } | PatientPersonalData
  );
};

export const isLegacyPlaintextPatientIdentity = (
  data: PatientIdentityEvent['data'],
): data is PatientIdentityEvent['data'] & PatientPersonalData => !('sealed' in data);
