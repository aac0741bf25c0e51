import type { Decider } from '@hemotrace/event-sourcing';
import { sha256Hex } from '@hemotrace/event-sourcing';
import { MrnAlreadyRegistered } from '../transfusion.errors';

/**
 * One stream per (hospital, medical record number), named by a hash so the number itself stays in
 * the identity stream only: the store's expected-version check on it keeps two registrations from
 * giving one MRN two patients, instead of a look-up in a projection.
 */
export const patientMrnStreamId = (hospitalSiteId: string, mrn: string): string =>
  `PatientMrn-${sha256Hex(`${hospitalSiteId}:${mrn}`)}`;

export interface PatientMrnReserved {
  type: 'PatientMrnReserved';
  data: { patientId: string; hospitalSiteId: string };
}

export interface ReservePatientMrn {
  type: 'ReservePatientMrn';
  patientId: string;
  hospitalSiteId: string;
  mrn: string;
}

export type PatientMrnState = { status: 'Free' } | { status: 'Reserved'; patientId: string };

/** One patient per medical record number at a hospital: a second registration is the same patient again. */
export const oneMrnOnePatient = (state: PatientMrnState): boolean => state.status === 'Free';

export const patientMrnDecider: Decider<ReservePatientMrn, PatientMrnReserved, PatientMrnState> = {
  initialState: { status: 'Free' },
  decide: (command, state) => {
    if (!oneMrnOnePatient(state)) throw new MrnAlreadyRegistered(command.mrn);
    return [
      {
        type: 'PatientMrnReserved',
        data: { patientId: command.patientId, hospitalSiteId: command.hospitalSiteId },
      },
    ];
  },
  evolve: (_state, event) => ({ status: 'Reserved', patientId: event.data.patientId }),
};
