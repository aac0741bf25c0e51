import type { R5 } from '@smile-cdr/fhirts';
import type { PatientRecordView } from '@hemotrace/transfusion';
import { narrative, siteReference, SYSTEMS } from './fhir.systems';

/**
 * A pseudonymous Patient: the Hemotrace patient id and the hospital, never a name, a birth date or
 * a medical record number (identity is kept in its own stream; ARCHITECTURE.md "Personal data").
 */
export const toPatient = (record: Pick<PatientRecordView, 'patientId' | 'hospitalSiteId'>): R5.Patient => ({
  resourceType: 'Patient',
  id: record.patientId,
  meta: {
    security: [{ system: SYSTEMS.securityLabel, code: 'PSEUDED', display: 'pseudonymized' }],
  },
  text: narrative(`Pseudonymous patient ${record.patientId} of ${record.hospitalSiteId}`),
  identifier: [{ system: SYSTEMS.hemotracePatient, value: record.patientId }],
  managingOrganization: siteReference(record.hospitalSiteId),
});
