import type { Procedure } from '@hemotrace/kernel';
import type { Decider } from '@hemotrace/event-sourcing';
import { addHours, lateEntryField } from '@hemotrace/kernel';
import type { DonorRegulatoryProfile, Sex } from '../profiles';
import type { DeferralKind, DeferralReason, DeferralSource } from './deferral';
import { deferralIsActiveOn } from './deferral';
import type { PastDonation } from './donor-eligibility.rules';
import {
  combinedDeferral,
  donorIsNotDeferred,
  eligibilityFindings,
  physicalCheckFindings,
  unansweredQuestions,
  unknownQuestions,
} from './donor-eligibility.rules';
import {
  BirthDateInFuture,
  DeferralNotFound,
  DeferralNotInForce,
  DonorAlreadyRegistered,
  DonorCurrentlyDeferred,
  DonorNotFound,
  DonorPersonalDataAlreadyErased,
  InvalidDeferralPeriod,
  PermanentDeferralCannotBeLifted,
  QuestionnaireIncomplete,
} from './donor.errors';
import type { DonorEvent, ErasureLegalBasis, ScreeningMeasurements } from './donor.events';
import type { DonorState, RegisteredDonor } from './donor.state';
import { evolveDonor, initialDonorState } from './donor.state';

export interface RegisterDonor {
  type: 'RegisterDonor';
  donorId: string;
  sex: Sex;
  birthDate: string;
  siteId: string;
  at: string;
}

export interface ScreenDonor {
  type: 'ScreenDonor';
  donorId: string;
  screeningId: string;
  /** Used only when the screening defers the donor. */
  deferralId: string;
  procedure: Procedure;
  measurements: ScreeningMeasurements;
  answers: Record<string, boolean>;
  /** Completed donations, from the donation history read model. */
  history: PastDonation[];
  profile: DonorRegulatoryProfile;
  /** When the screening was done (business time); absent: at the time of entry. */
  screenedAt?: string;
  lateEntryReason?: string;
  /** The time of entry. */
  at: string;
}

export interface DeferDonor {
  type: 'DeferDonor';
  donorId: string;
  deferralId: string;
  kind: DeferralKind;
  reasons: DeferralReason[];
  until?: string;
  source: DeferralSource;
  din?: string;
  at: string;
}

export interface LiftDeferral {
  type: 'LiftDeferral';
  donorId: string;
  deferralId: string;
  reason: string;
  at: string;
}

/** Erasing is an admin's decision on a legal basis; the handler destroys the key once this is recorded. */
export interface EraseDonorPersonalData {
  type: 'EraseDonorPersonalData';
  donorId: string;
  legalBasis: ErasureLegalBasis;
  reason: string;
  at: string;
}

export type DonorCommand = RegisterDonor | ScreenDonor | DeferDonor | LiftDeferral | EraseDonorPersonalData;

const registered = (state: DonorState, donorId: string): RegisteredDonor => {
  if (state.status !== 'Registered') throw new DonorNotFound(donorId);
  return state;
};

export const registerDonor = (cmd: RegisterDonor, state: DonorState): DonorEvent[] => {
  if (state.status === 'Registered') throw new DonorAlreadyRegistered(cmd.donorId);
  if (cmd.birthDate.slice(0, 10) > cmd.at.slice(0, 10)) throw new BirthDateInFuture(cmd.birthDate);
  return [
    {
      type: 'DonorRegistered',
      data: {
        donorId: cmd.donorId,
        sex: cmd.sex,
        birthDate: cmd.birthDate,
        registeredAt: cmd.at,
        siteId: cmd.siteId,
      },
    },
  ];
};

export const screenDonor = (cmd: ScreenDonor, state: DonorState): DonorEvent[] => {
  const donor = registered(state, cmd.donorId);
  /* Every clock of the screening (deferrals in force, intervals, age, validity) reads its business time. */
  const at = cmd.screenedAt ?? cmd.at;
  const late = lateEntryField({
    context: 'DONORS',
    field: 'screenedAt',
    occurredAt: at,
    now: cmd.at,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  const deferred = donorIsNotDeferred(donor.deferrals, at);
  if (deferred.length > 0) throw new DonorCurrentlyDeferred(cmd.donorId, deferred);
  const unanswered = unansweredQuestions(cmd.answers, cmd.profile);
  const unknown = unknownQuestions(cmd.answers, cmd.profile);
  if (unanswered.length > 0 || unknown.length > 0) throw new QuestionnaireIncomplete(unanswered, unknown);

  const screened: DonorEvent = {
    type: 'DonorScreened',
    data: {
      donorId: cmd.donorId,
      screeningId: cmd.screeningId,
      procedure: cmd.procedure,
      profileId: cmd.profile.id,
      measurements: cmd.measurements,
      answers: cmd.answers,
      screenedAt: at,
      ...late,
    },
  };
  const findings = [
    ...eligibilityFindings(
      { sex: donor.sex, birthDate: donor.birthDate, deferrals: donor.deferrals, history: cmd.history },
      cmd.procedure,
      at,
      cmd.profile,
    ),
    ...physicalCheckFindings(donor.sex, cmd.measurements, cmd.answers, at, cmd.profile),
  ];
  if (findings.length === 0) {
    return [
      screened,
      {
        type: 'DonorFoundEligible',
        data: {
          donorId: cmd.donorId,
          screeningId: cmd.screeningId,
          procedure: cmd.procedure,
          eligibleAt: at,
          validUntil: addHours(at, cmd.profile.screeningValidHours),
        },
      },
    ];
  }
  const { kind, until } = combinedDeferral(findings);
  return [
    screened,
    {
      type: 'DonorDeferred',
      data: {
        donorId: cmd.donorId,
        deferralId: cmd.deferralId,
        kind,
        reasons: findings.map((f) =>
          f.detail === undefined ? { code: f.code } : { code: f.code, detail: f.detail },
        ),
        deferredAt: at,
        ...(until === undefined ? {} : { until }),
        source: 'SCREENING',
        screeningId: cmd.screeningId,
      },
    },
  ];
};

export const deferDonor = (cmd: DeferDonor, state: DonorState): DonorEvent[] => {
  const donor = registered(state, cmd.donorId);
  if (cmd.kind === 'TEMPORARY' && (cmd.until === undefined || cmd.until <= cmd.at)) {
    throw new InvalidDeferralPeriod('A temporary deferral needs an end after its start');
  }
  if (cmd.kind === 'PERMANENT' && cmd.until !== undefined) {
    throw new InvalidDeferralPeriod('A permanent deferral has no end date');
  }
  /* The laboratory may report the same confirmed infection twice (redelivery, several markers per donation). */
  const sameInForce = donor.deferrals.some(
    (d) =>
      d.kind === 'PERMANENT' &&
      cmd.kind === 'PERMANENT' &&
      d.din !== undefined &&
      d.din === cmd.din &&
      deferralIsActiveOn(d, cmd.at) &&
      cmd.reasons.every((r) => d.reasons.some((existing) => existing.code === r.code)),
  );
  if (sameInForce) return [];
  return [
    {
      type: 'DonorDeferred',
      data: {
        donorId: cmd.donorId,
        deferralId: cmd.deferralId,
        kind: cmd.kind,
        reasons: cmd.reasons,
        deferredAt: cmd.at,
        ...(cmd.until === undefined ? {} : { until: cmd.until }),
        source: cmd.source,
        ...(cmd.din === undefined ? {} : { din: cmd.din }),
      },
    },
  ];
};

export const liftDeferral = (cmd: LiftDeferral, state: DonorState): DonorEvent[] => {
  const donor = registered(state, cmd.donorId);
  const deferral = donor.deferrals.find((d) => d.deferralId === cmd.deferralId);
  if (!deferral) throw new DeferralNotFound(cmd.donorId, cmd.deferralId);
  if (deferral.kind === 'PERMANENT') throw new PermanentDeferralCannotBeLifted(cmd.deferralId);
  if (!deferralIsActiveOn(deferral, cmd.at)) throw new DeferralNotInForce(cmd.deferralId);
  return [
    {
      type: 'DonorDeferralLifted',
      data: { donorId: cmd.donorId, deferralId: cmd.deferralId, reason: cmd.reason, liftedAt: cmd.at },
    },
  ];
};

/**
 * GDPR art. 17 / PIPL art. 47: personal data is erased once; the donor record, deferrals and
 * donations stay (they are the traceability the establishment must keep, Directive 2005/61/EC art. 4).
 */
export const identityIsErasedOnlyOnce = (donor: RegisteredDonor): void => {
  if (donor.identityErasedAt !== undefined)
    throw new DonorPersonalDataAlreadyErased(donor.donorId, donor.identityErasedAt);
};

export const eraseDonorPersonalData = (cmd: EraseDonorPersonalData, state: DonorState): DonorEvent[] => {
  const donor = registered(state, cmd.donorId);
  identityIsErasedOnlyOnce(donor);
  return [
    {
      type: 'DonorPersonalDataErased',
      data: { donorId: cmd.donorId, legalBasis: cmd.legalBasis, reason: cmd.reason, erasedAt: cmd.at },
    },
  ];
};

export const donorDecider: Decider<DonorCommand, DonorEvent, DonorState> = {
  initialState: initialDonorState,
  evolve: evolveDonor,
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterDonor':
        return registerDonor(command, state);
      case 'ScreenDonor':
        return screenDonor(command, state);
      case 'DeferDonor':
        return deferDonor(command, state);
      case 'EraseDonorPersonalData':
        return eraseDonorPersonalData(command, state);
      case 'LiftDeferral':
        return liftDeferral(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
