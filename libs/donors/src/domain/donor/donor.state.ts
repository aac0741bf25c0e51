import type { Procedure } from '@hemotrace/kernel';
import type { Sex } from '../profiles';
import type { Deferral } from './deferral';
import type { DonorEvent } from './donor.events';

export interface LastScreening {
  screeningId: string;
  procedure: Procedure;
  screenedAt: string;
  outcome: 'ELIGIBLE' | 'DEFERRED';
  validUntil?: string;
}

export type DonorState =
  | { status: 'Unregistered' }
  | {
      status: 'Registered';
      donorId: string;
      sex: Sex;
      birthDate: string;
      deferrals: Deferral[];
      lastScreening?: LastScreening;
      identityErasedAt?: string;
    };

export type RegisteredDonor = Extract<DonorState, { status: 'Registered' }>;

export const initialDonorState: DonorState = { status: 'Unregistered' };

export const evolveDonor = (state: DonorState, event: DonorEvent): DonorState => {
  if (event.type === 'DonorRegistered') {
    const { donorId, sex, birthDate } = event.data;
    return { status: 'Registered', donorId, sex, birthDate, deferrals: [] };
  }
  if (state.status !== 'Registered') return state;
  switch (event.type) {
    case 'DonorScreened':
      return {
        ...state,
        lastScreening: {
          screeningId: event.data.screeningId,
          procedure: event.data.procedure,
          screenedAt: event.data.screenedAt,
          outcome: 'DEFERRED',
        },
      };
    case 'DonorFoundEligible':
      return state.lastScreening?.screeningId === event.data.screeningId
        ? {
            ...state,
            lastScreening: { ...state.lastScreening, outcome: 'ELIGIBLE', validUntil: event.data.validUntil },
          }
        : state;
    case 'DonorDeferred': {
      const { deferralId, kind, reasons, deferredAt, until, source, din } = event.data;
      return {
        ...state,
        deferrals: [...state.deferrals, { deferralId, kind, reasons, deferredAt, until, source, din }],
      };
    }
    case 'DonorDeferralLifted':
      return {
        ...state,
        deferrals: state.deferrals.map((d) =>
          d.deferralId === event.data.deferralId ? { ...d, liftedAt: event.data.liftedAt } : d,
        ),
      };
    case 'DonorPersonalDataErased':
      return { ...state, identityErasedAt: event.data.erasedAt };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
