import type { Antigen, BloodGroup } from '@hemotrace/kernel';
import type { AntibodyScreen, PatientEvent } from './patient.events';

export interface PatientSample {
  sampleId: string;
  collectedAt: string;
  validUntil: string;
  bloodGroup: BloodGroup;
  antibodyScreen: AntibodyScreen;
  antibodiesIdentified: boolean;
}

export type PatientState =
  | { status: 'Unregistered' }
  | {
      status: 'Registered';
      patientId: string;
      hospitalSiteId: string;
      samples: PatientSample[];
      historicalGroups: BloodGroup[];
      /** Every antibody ever identified: they stay clinically significant for life. */
      antibodies: string[];
      antigensToAvoid: Antigen[];
      identityErasedAt?: string;
    };

export type RegisteredPatient = Extract<PatientState, { status: 'Registered' }>;

export const initialPatientState: PatientState = { status: 'Unregistered' };

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];

export const evolvePatient = (state: PatientState, event: PatientEvent): PatientState => {
  switch (event.type) {
    case 'PatientRegistered':
      return {
        status: 'Registered',
        patientId: event.data.patientId,
        hospitalSiteId: event.data.hospitalSiteId,
        samples: [],
        historicalGroups: [],
        antibodies: [],
        antigensToAvoid: [],
      };
    case 'PatientPersonalDataErased':
      if (state.status !== 'Registered') return state;
      return { ...state, identityErasedAt: event.data.erasedAt };
    case 'PatientSampleTyped':
      if (state.status !== 'Registered') return state;
      return {
        ...state,
        samples: [
          ...state.samples,
          {
            sampleId: event.data.sampleId,
            collectedAt: event.data.collectedAt,
            validUntil: event.data.validUntil,
            bloodGroup: event.data.bloodGroup,
            antibodyScreen: event.data.antibodyScreen,
            antibodiesIdentified: false,
          },
        ],
      };
    case 'AntibodiesIdentified':
      if (state.status !== 'Registered') return state;
      return {
        ...state,
        samples: state.samples.map((s) =>
          s.sampleId === event.data.sampleId ? { ...s, antibodiesIdentified: true } : s,
        ),
        antibodies: union(state.antibodies, event.data.antibodies),
        antigensToAvoid: union(state.antigensToAvoid, event.data.antigensToAvoid),
      };
    case 'HistoricalGroupRecorded':
      if (state.status !== 'Registered') return state;
      return { ...state, historicalGroups: [...state.historicalGroups, event.data.bloodGroup] };
    case 'BloodFeeExemptionAssessed':
      return state;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};
