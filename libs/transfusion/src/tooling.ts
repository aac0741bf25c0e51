/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { ErasePatientPersonalDataCommand } from './features/erase-patient-personal-data/erase-patient-personal-data.command';
export { PATIENT_ERASURE_LEGAL_BASES } from './domain/patient/patient.events';
export type { PatientErasureLegalBasis } from './domain/patient/patient.events';
export { patientDecider } from './domain/patient/patient.decide';
export type { PatientCommand } from './domain/patient/patient.decide';
export { transfusionRequestDecider } from './domain/transfusion-request/transfusion-request.decide';
export type { TransfusionRequestCommand } from './domain/transfusion-request/transfusion-request.decide';
export {
  unitReservationDecider,
  unitReservationStreamId,
} from './domain/unit-reservation/unit-reservation.decide';
export type { UnitFacts } from './domain/compatibility/unit-facts';
export { transfusionProfileFor } from './domain/profile/transfusion-profile';
