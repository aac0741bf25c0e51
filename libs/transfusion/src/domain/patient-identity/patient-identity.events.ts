export type Sex = 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';

/** Personal data, kept apart from the traceability stream so it can be erased without breaking the hash chain. */
export type PatientIdentityEvent = {
  type: 'PatientIdentityRecorded';
  data: {
    patientId: string;
    hospitalSiteId: string;
    /** The hospital's own patient id (medical record number). */
    mrn: string;
    familyName: string;
    givenName: string;
    birthDate: string;
    sex: Sex;
    recordedAt: string;
  };
};
