import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { HOSPITAL, NOW, PATIENT_ID } from '../testing/transfusion.fixtures';
import { PatientNotFound, PatientPersonalDataAlreadyErased } from '../transfusion.errors';
import type { PatientCommand } from './patient.decide';
import { patientDecider } from './patient.decide';
import type { PatientEvent } from './patient.events';

const given = DeciderSpecification.for(patientDecider);

const admin = { userId: 'dpo-1', role: 'admin' as const, siteId: HOSPITAL };
const registered: PatientEvent = {
  type: 'PatientRegistered',
  data: { patientId: PATIENT_ID, hospitalSiteId: HOSPITAL, registeredAt: '2025-01-02T08:00:00.000Z' },
};
const erase = (now = NOW): PatientCommand => ({
  type: 'ErasePatientPersonalData',
  patientId: PATIENT_ID,
  legalBasis: 'PATIENT_REQUEST',
  reason: 'Request PR-7',
  actor: admin,
  now,
});
const erased = (at = NOW): PatientEvent => ({
  type: 'PatientPersonalDataErased',
  data: { patientId: PATIENT_ID, legalBasis: 'PATIENT_REQUEST', reason: 'Request PR-7', erasedAt: at },
});

describe('erasing a patient identity', () => {
  it('records the erasure with its legal basis at the time given', () => {
    given([registered]).when(erase()).then([erased()]);
  });

  it('refuses a second erasure', () => {
    given([registered, erased('2025-02-01T00:00:00.000Z')])
      .when(erase())
      .thenThrows(PatientPersonalDataAlreadyErased, 'TRANSFUSION.PERSONAL_DATA_ALREADY_ERASED');
  });

  it('refuses to erase a patient nobody registered', () => {
    given([]).when(erase()).thenThrows(PatientNotFound, 'TRANSFUSION.PATIENT_NOT_FOUND');
  });
});
