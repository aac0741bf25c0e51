/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { ErasePatientPersonalDataCommand } from './features/erase-patient-personal-data/erase-patient-personal-data.command';
export { PATIENT_ERASURE_LEGAL_BASES } from './domain/patient/patient.events';
export type { PatientErasureLegalBasis } from './domain/patient/patient.events';
