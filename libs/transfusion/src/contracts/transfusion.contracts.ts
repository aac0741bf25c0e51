/**
 * What the transfusion context guarantees to others (stored event names and data, stable for 30 years).
 * Streams: `Patient-<patientId>` (traceability, no identity), `PatientIdentity-<patientId>` (identity,
 * personal data) and `TransfusionRequest-<requestId>` (request, crossmatch, issue, bedside, transfusion,
 * reactions, returns). Other contexts read these through @hemotrace/transfusion only.
 */
export const patientStreamId = (patientId: string): string => `Patient-${patientId}`;
export const patientIdentityStreamId = (patientId: string): string => `PatientIdentity-${patientId}`;
export const transfusionRequestStreamId = (requestId: string): string => `TransfusionRequest-${requestId}`;

export const CROSSMATCH_PERFORMED = 'CrossmatchPerformed';
export const EMERGENCY_RELEASE_AUTHORIZED = 'EmergencyReleaseAuthorized';
export const TRANSFUSION_REQUESTED = 'TransfusionRequested';
export const UNIT_ALLOCATED = 'UnitAllocated';
export const UNIT_ISSUED_TO_WARD = 'UnitIssuedToWard';
export const BEDSIDE_CHECK_PASSED = 'BedsideCheckPassed';
export const BEDSIDE_CHECK_FAILED = 'BedsideCheckFailed';
export const TRANSFUSION_STARTED = 'TransfusionStarted';
export const UNIT_TRANSFUSED = 'UnitTransfused';
export const ADVERSE_REACTION_REPORTED = 'AdverseReactionReported';
export const TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED = 'TransfusionTransmittedInfectionSuspected';
export const UNIT_RETURNED_TO_BLOOD_BANK = 'UnitReturnedToBloodBank';
export const UNIT_WASTED = 'UnitWasted';
/** The patient's personal data was erased (its key destroyed); the patient's traceability records stay. */
export const PATIENT_PERSONAL_DATA_ERASED = 'PatientPersonalDataErased';

/* The stored shapes other contexts and the published contracts refer to; defined in the domain. */
export type {
  RequestedProduct,
  CrossmatchMethod,
  CrossmatchPerformedContract,
  EmergencyReleaseAuthorizedContract,
  UnitAllocatedContract,
  UnitIssuedToWardContract,
  BedsideCheckPassedContract,
  BedsideCheckFailedContract,
  UnitTransfusedContract,
  ReactionCategory,
  SeverityGrade,
  Imputability,
  AdverseReactionReportedContract,
  TransfusionTransmittedInfectionSuspectedContract,
  UnitReturnedToBloodBankContract,
  UnitWastedContract,
} from '../domain/transfusion-request/transfusion-request.event-data';
