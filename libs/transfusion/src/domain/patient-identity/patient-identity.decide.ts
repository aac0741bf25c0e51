import type { Decider } from '@hemotrace/event-sourcing';
import { PatientAlreadyRegistered } from '../transfusion.errors';
import type { PatientIdentityEvent, Sex } from './patient-identity.events';

export interface RecordPatientIdentity {
  type: 'RecordPatientIdentity';
  patientId: string;
  hospitalSiteId: string;
  mrn: string;
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: Sex;
  now: string;
}

export type PatientIdentityState =
  { status: 'None' } | { status: 'Recorded'; identity: PatientIdentityEvent['data'] };

export const recordPatientIdentity = (
  cmd: RecordPatientIdentity,
  state: PatientIdentityState,
): PatientIdentityEvent[] => {
  if (state.status === 'Recorded') throw new PatientAlreadyRegistered(cmd.patientId);
  return [
    {
      type: 'PatientIdentityRecorded',
      data: {
        patientId: cmd.patientId,
        hospitalSiteId: cmd.hospitalSiteId,
        mrn: cmd.mrn,
        familyName: cmd.familyName,
        givenName: cmd.givenName,
        birthDate: cmd.birthDate,
        sex: cmd.sex,
        recordedAt: cmd.now,
      },
    },
  ];
};

export const patientIdentityDecider: Decider<
  RecordPatientIdentity,
  PatientIdentityEvent,
  PatientIdentityState
> = {
  initialState: { status: 'None' },
  decide: recordPatientIdentity,
  evolve: (_state, event) => ({ status: 'Recorded', identity: event.data }),
};
