import type { Decider } from '@hemotrace/event-sourcing';
import { PatientAlreadyRegistered } from '../transfusion.errors';
import type { PatientIdentityEvent, SealedPatientPersonalData } from './patient-identity.events';

export interface RecordPatientIdentity {
  type: 'RecordPatientIdentity';
  patientId: string;
  hospitalSiteId: string;
  sealed: SealedPatientPersonalData;
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
        sealed: cmd.sealed,
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
