import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { CN_2019 } from '../profiles';
import type { DonorEvent, ScreeningMeasurements } from './donor.events';
import type { ScreenDonor } from './donor.decide';
import { donorDecider } from './donor.decide';
import {
  BirthDateInFuture,
  DeferralNotFound,
  DeferralNotInForce,
  DonorAlreadyRegistered,
  DonorCurrentlyDeferred,
  DonorNotFound,
  InvalidDeferralPeriod,
  PermanentDeferralCannotBeLifted,
  QuestionnaireIncomplete,
} from './donor.errors';
import type { PastDonation } from './donor-eligibility.rules';

const given = DeciderSpecification.for(donorDecider);
const donorId = 'donor-1';
const now = '2025-03-10T09:00:00.000Z';

const registered = (sex: 'M' | 'F' = 'M', birthDate = '1990-05-01'): DonorEvent => ({
  type: 'DonorRegistered',
  data: { donorId, sex, birthDate, registeredAt: '2025-01-01T08:00:00.000Z', siteId: 'BC-1' },
});

const healthy: ScreeningMeasurements = {
  weightKg: 70,
  systolicMmHg: 120,
  diastolicMmHg: 80,
  pulseBpm: 72,
  temperatureC: 36.6,
  hemoglobinGPerL: 140,
};

const allNo = Object.fromEntries(CN_2019.questions.map((q) => [q.id, false]));

const screen = (overrides: Partial<ScreenDonor> = {}): ScreenDonor => ({
  type: 'ScreenDonor',
  donorId,
  screeningId: 'scr-1',
  deferralId: 'def-1',
  procedure: 'WHOLE_BLOOD',
  measurements: healthy,
  answers: allNo,
  history: [],
  profile: CN_2019,
  at: now,
  ...overrides,
});

const screened = (cmd: ScreenDonor = screen()): DonorEvent => ({
  type: 'DonorScreened',
  data: {
    donorId,
    screeningId: cmd.screeningId,
    procedure: cmd.procedure,
    profileId: 'CN-2019',
    measurements: cmd.measurements,
    answers: cmd.answers,
    screenedAt: cmd.at,
  },
});

const temporaryDeferral = (until: string, deferralId = 'def-0'): DonorEvent => ({
  type: 'DonorDeferred',
  data: {
    donorId,
    deferralId,
    kind: 'TEMPORARY',
    reasons: [{ code: 'HEMOGLOBIN_BELOW_MINIMUM' }],
    deferredAt: '2025-03-01T09:00:00.000Z',
    until,
    source: 'SCREENING',
  },
});

const permanentDeferral = (deferralId = 'def-p', din = 'A999925000001'): DonorEvent => ({
  type: 'DonorDeferred',
  data: {
    donorId,
    deferralId,
    kind: 'PERMANENT',
    reasons: [{ code: 'CONFIRMED_POSITIVE_HIV' }],
    deferredAt: '2025-03-01T09:00:00.000Z',
    source: 'LABORATORY',
    din,
  },
});

/** Expects a screening to end in a deferral with exactly these reason codes. */
const expectDeferral = (
  events: DonorEvent[],
  codes: string[],
  kind: 'TEMPORARY' | 'PERMANENT',
  until?: string,
) => {
  expect(events[0].type).toBe('DonorScreened');
  expect(events[1].type).toBe('DonorDeferred');
  const deferred = events[1] as Extract<DonorEvent, { type: 'DonorDeferred' }>;
  expect(deferred.data.reasons.map((r) => r.code)).toEqual(codes);
  expect(deferred.data.kind).toBe(kind);
  expect(deferred.data.until).toBe(until);
  expect(deferred.data.source).toBe('SCREENING');
};

const decide = (history: DonorEvent[], cmd: ScreenDonor): DonorEvent[] =>
  donorDecider.decide(cmd, history.reduce(donorDecider.evolve, donorDecider.initialState));

describe('registering a donor', () => {
  it('records sex and birth date, nothing else personal', () => {
    given([])
      .when({ type: 'RegisterDonor', donorId, sex: 'F', birthDate: '1990-05-01', siteId: 'BC-1', at: now })
      .then([
        {
          type: 'DonorRegistered',
          data: { donorId, sex: 'F', birthDate: '1990-05-01', registeredAt: now, siteId: 'BC-1' },
        },
      ]);
  });

  it('refuses to register the same donor twice', () => {
    given([registered()])
      .when({ type: 'RegisterDonor', donorId, sex: 'F', birthDate: '1990-05-01', siteId: 'BC-1', at: now })
      .thenThrows(DonorAlreadyRegistered, 'DONORS.ALREADY_REGISTERED');
  });

  it('refuses a birth date after today', () => {
    given([])
      .when({ type: 'RegisterDonor', donorId, sex: 'F', birthDate: '2025-03-11', siteId: 'BC-1', at: now })
      .thenThrows(BirthDateInFuture, 'DONORS.BIRTH_DATE_IN_FUTURE');
  });
});

describe('screening a donor under CN 2019', () => {
  it('finds a healthy adult eligible for 24 hours', () => {
    given([registered()])
      .when(screen())
      .then([
        screened(),
        {
          type: 'DonorFoundEligible',
          data: {
            donorId,
            screeningId: 'scr-1',
            procedure: 'WHOLE_BLOOD',
            eligibleAt: now,
            validUntil: '2025-03-11T09:00:00.000Z',
          },
        },
      ]);
  });

  it('refuses to screen an unknown donor', () => {
    given([]).when(screen()).thenThrows(DonorNotFound, 'DONORS.DONOR_NOT_FOUND');
  });

  it('refuses to screen a donor whose deferral is in force', () => {
    given([registered(), temporaryDeferral('2025-04-01T00:00:00.000Z')])
      .when(screen())
      .thenThrows(DonorCurrentlyDeferred, 'DONORS.DONOR_DEFERRED');
  });

  it('screens a donor whose temporary deferral has ended', () => {
    const events = decide([registered(), temporaryDeferral('2025-03-05T00:00:00.000Z')], screen());
    expect(events.map((e) => e.type)).toEqual(['DonorScreened', 'DonorFoundEligible']);
  });

  it('refuses a questionnaire with a question left unanswered', () => {
    const { RECENT_SURGERY: _omitted, ...answers } = allNo;
    given([registered()])
      .when(screen({ answers }))
      .thenThrows(QuestionnaireIncomplete, 'DONORS.QUESTIONNAIRE_INCOMPLETE');
  });

  it('refuses answers to questions the profile does not ask', () => {
    given([registered()])
      .when(screen({ answers: { ...allNo, MADE_UP: false } }))
      .thenThrows(QuestionnaireIncomplete, 'DONORS.QUESTIONNAIRE_INCOMPLETE');
  });

  it('defers a man under 50 kg for 30 days', () => {
    const events = decide([registered('M')], screen({ measurements: { ...healthy, weightKg: 49.5 } }));
    expectDeferral(events, ['WEIGHT_BELOW_MINIMUM'], 'TEMPORARY', '2025-04-09T09:00:00.000Z');
  });

  it('accepts a woman of 45 kg', () => {
    const events = decide([registered('F')], screen({ measurements: { ...healthy, weightKg: 45 } }));
    expect(events[1].type).toBe('DonorFoundEligible');
  });

  it('defers a woman under 45 kg', () => {
    const events = decide([registered('F')], screen({ measurements: { ...healthy, weightKg: 44.9 } }));
    expectDeferral(events, ['WEIGHT_BELOW_MINIMUM'], 'TEMPORARY', '2025-04-09T09:00:00.000Z');
  });

  it('defers a man with Hb under 120 g/L', () => {
    const events = decide([registered('M')], screen({ measurements: { ...healthy, hemoglobinGPerL: 119 } }));
    expectDeferral(events, ['HEMOGLOBIN_BELOW_MINIMUM'], 'TEMPORARY', '2025-04-09T09:00:00.000Z');
  });

  it('accepts a woman with Hb 115 g/L but defers one with 114 g/L', () => {
    expect(
      decide([registered('F')], screen({ measurements: { ...healthy, hemoglobinGPerL: 115 } }))[1].type,
    ).toBe('DonorFoundEligible');
    const events = decide([registered('F')], screen({ measurements: { ...healthy, hemoglobinGPerL: 114 } }));
    expectDeferral(events, ['HEMOGLOBIN_BELOW_MINIMUM'], 'TEMPORARY', '2025-04-09T09:00:00.000Z');
  });

  it.each([
    ['systolic above 140', { systolicMmHg: 141 }, 'BLOOD_PRESSURE_OUT_OF_RANGE'],
    ['systolic below 90', { systolicMmHg: 89 }, 'BLOOD_PRESSURE_OUT_OF_RANGE'],
    ['diastolic above 90', { diastolicMmHg: 91 }, 'BLOOD_PRESSURE_OUT_OF_RANGE'],
    ['diastolic below 60', { diastolicMmHg: 59 }, 'BLOOD_PRESSURE_OUT_OF_RANGE'],
    ['pulse above 100', { pulseBpm: 101 }, 'PULSE_OUT_OF_RANGE'],
    ['pulse below 60', { pulseBpm: 59 }, 'PULSE_OUT_OF_RANGE'],
    ['temperature above 37.3 C', { temperatureC: 37.4 }, 'TEMPERATURE_ABOVE_MAXIMUM'],
  ])('defers for a day with %s', (_label, change, code) => {
    const events = decide([registered()], screen({ measurements: { ...healthy, ...change } }));
    expectDeferral(events, [code], 'TEMPORARY', '2025-03-11T09:00:00.000Z');
  });

  it('defers for the question period when the donor answers yes', () => {
    const events = decide([registered()], screen({ answers: { ...allNo, RECENT_TOOTH_EXTRACTION: true } }));
    expectDeferral(events, ['RECENT_DENTAL_PROCEDURE'], 'TEMPORARY', '2025-03-13T09:00:00.000Z');
  });

  it('defers permanently for a yes to a permanently deferring question', () => {
    const events = decide([registered()], screen({ answers: { ...allNo, HIGH_RISK_BEHAVIOUR: true } }));
    expectDeferral(events, ['HIGH_RISK_BEHAVIOUR'], 'PERMANENT', undefined);
  });

  it('names every failed check and defers until the latest end', () => {
    const events = decide(
      [registered()],
      screen({ measurements: { ...healthy, pulseBpm: 110, hemoglobinGPerL: 100 } }),
    );
    expectDeferral(
      events,
      ['HEMOGLOBIN_BELOW_MINIMUM', 'PULSE_OUT_OF_RANGE'],
      'TEMPORARY',
      '2025-04-09T09:00:00.000Z',
    );
  });

  it('defers a 17-year-old until the 18th birthday', () => {
    const events = decide([registered('M', '2007-06-15')], screen());
    expectDeferral(events, ['AGE_BELOW_MINIMUM'], 'TEMPORARY', '2025-06-15T00:00:00.000Z');
  });

  it('accepts a first-time donor of 55 and defers one of 56 permanently', () => {
    expect(decide([registered('M', '1969-06-01')], screen())[1].type).toBe('DonorFoundEligible');
    expectDeferral(decide([registered('M', '1969-03-01')], screen()), ['AGE_ABOVE_MAXIMUM'], 'PERMANENT');
  });

  it('lets a repeat donor give blood up to 60', () => {
    const history: PastDonation[] = [{ procedure: 'WHOLE_BLOOD', at: '2024-01-10T09:00:00.000Z' }];
    expect(decide([registered('M', '1965-01-01')], screen({ history }))[1].type).toBe('DonorFoundEligible');
    expectDeferral(
      decide([registered('M', '1964-01-01')], screen({ history })),
      ['AGE_ABOVE_MAXIMUM'],
      'PERMANENT',
    );
  });

  it('defers whole blood within 6 months of whole blood until the interval ends', () => {
    const history: PastDonation[] = [{ procedure: 'WHOLE_BLOOD', at: '2024-10-01T10:00:00.000Z' }];
    const events = decide([registered()], screen({ history }));
    expectDeferral(events, ['DONATION_INTERVAL_NOT_RESPECTED'], 'TEMPORARY', '2025-04-01T10:00:00.000Z');
  });

  it('accepts whole blood 6 months after whole blood', () => {
    const history: PastDonation[] = [{ procedure: 'WHOLE_BLOOD', at: '2024-09-10T08:00:00.000Z' }];
    expect(decide([registered()], screen({ history }))[1].type).toBe('DonorFoundEligible');
  });

  it('defers apheresis platelets within 3 months of whole blood', () => {
    const history: PastDonation[] = [{ procedure: 'WHOLE_BLOOD', at: '2025-01-01T10:00:00.000Z' }];
    const events = decide([registered()], screen({ history, procedure: 'APHERESIS_PLATELETS' }));
    expectDeferral(events, ['DONATION_INTERVAL_NOT_RESPECTED'], 'TEMPORARY', '2025-04-01T10:00:00.000Z');
  });

  it('defers apheresis platelets within 2 weeks of the last and accepts them after', () => {
    const recent: PastDonation[] = [{ procedure: 'APHERESIS_PLATELETS', at: '2025-03-01T10:00:00.000Z' }];
    expectDeferral(
      decide([registered()], screen({ history: recent, procedure: 'APHERESIS_PLATELETS' })),
      ['DONATION_INTERVAL_NOT_RESPECTED'],
      'TEMPORARY',
      '2025-03-15T10:00:00.000Z',
    );
    const older: PastDonation[] = [{ procedure: 'APHERESIS_PLATELETS', at: '2025-02-20T08:00:00.000Z' }];
    expect(decide([registered()], screen({ history: older, procedure: 'APHERESIS_PLATELETS' }))[1].type).toBe(
      'DonorFoundEligible',
    );
  });

  it('defers whole blood within 4 weeks of apheresis platelets', () => {
    const history: PastDonation[] = [{ procedure: 'APHERESIS_PLATELETS', at: '2025-03-01T10:00:00.000Z' }];
    expectDeferral(
      decide([registered()], screen({ history })),
      ['DONATION_INTERVAL_NOT_RESPECTED'],
      'TEMPORARY',
      '2025-03-29T10:00:00.000Z',
    );
  });

  it('defers the 25th apheresis platelet donation in 12 months until the oldest leaves the window', () => {
    const history: PastDonation[] = Array.from({ length: 24 }, (_, i) => ({
      procedure: 'APHERESIS_PLATELETS' as const,
      at: new Date(Date.UTC(2024, 3, 1) + i * 14 * 86_400_000).toISOString(),
    }));
    const events = decide(
      [registered()],
      screen({ history, procedure: 'APHERESIS_PLATELETS', at: '2025-03-20T09:00:00.000Z' }),
    );
    expectDeferral(events, ['YEARLY_DONATION_LIMIT_REACHED'], 'TEMPORARY', '2025-04-01T00:00:00.000Z');
  });
});

describe('deferring a donor by hand or from the laboratory', () => {
  it('records a permanent deferral for a confirmed infection', () => {
    given([registered()])
      .when({
        type: 'DeferDonor',
        donorId,
        deferralId: 'def-p',
        kind: 'PERMANENT',
        reasons: [{ code: 'CONFIRMED_POSITIVE_HIV' }],
        source: 'LABORATORY',
        din: 'A999925000001',
        at: '2025-03-01T09:00:00.000Z',
      })
      .then([permanentDeferral()]);
  });

  it('records the same confirmed infection only once', () => {
    given([registered(), permanentDeferral()])
      .when({
        type: 'DeferDonor',
        donorId,
        deferralId: 'def-q',
        kind: 'PERMANENT',
        reasons: [{ code: 'CONFIRMED_POSITIVE_HIV' }],
        source: 'LABORATORY',
        din: 'A999925000001',
        at: now,
      })
      .thenNothingHappens();
  });

  it('refuses a temporary deferral without an end after its start', () => {
    given([registered()])
      .when({
        type: 'DeferDonor',
        donorId,
        deferralId: 'def-t',
        kind: 'TEMPORARY',
        reasons: [{ code: 'TRAVEL' }],
        source: 'CLINIC',
        until: now,
        at: now,
      })
      .thenThrows(InvalidDeferralPeriod, 'DONORS.INVALID_DEFERRAL_PERIOD');
  });

  it('refuses a permanent deferral with an end date', () => {
    given([registered()])
      .when({
        type: 'DeferDonor',
        donorId,
        deferralId: 'def-t',
        kind: 'PERMANENT',
        reasons: [{ code: 'TRAVEL' }],
        source: 'CLINIC',
        until: '2026-01-01T00:00:00.000Z',
        at: now,
      })
      .thenThrows(InvalidDeferralPeriod, 'DONORS.INVALID_DEFERRAL_PERIOD');
  });

  it('refuses to defer an unknown donor', () => {
    given([])
      .when({
        type: 'DeferDonor',
        donorId,
        deferralId: 'def-t',
        kind: 'PERMANENT',
        reasons: [{ code: 'X' }],
        source: 'CLINIC',
        at: now,
      })
      .thenThrows(DonorNotFound, 'DONORS.DONOR_NOT_FOUND');
  });
});

describe('lifting a deferral', () => {
  it('lifts a temporary deferral in force, with the reason', () => {
    given([registered(), temporaryDeferral('2025-04-01T00:00:00.000Z')])
      .when({ type: 'LiftDeferral', donorId, deferralId: 'def-0', reason: 'Hb re-tested 135 g/L', at: now })
      .then([
        {
          type: 'DonorDeferralLifted',
          data: { donorId, deferralId: 'def-0', reason: 'Hb re-tested 135 g/L', liftedAt: now },
        },
      ]);
  });

  it('lets a screening go ahead once the deferral is lifted', () => {
    const events = decide(
      [
        registered(),
        temporaryDeferral('2025-04-01T00:00:00.000Z'),
        {
          type: 'DonorDeferralLifted',
          data: { donorId, deferralId: 'def-0', reason: 'error', liftedAt: now },
        },
      ],
      screen(),
    );
    expect(events[1].type).toBe('DonorFoundEligible');
  });

  it('refuses to lift a permanent deferral', () => {
    given([registered(), permanentDeferral()])
      .when({ type: 'LiftDeferral', donorId, deferralId: 'def-p', reason: 'x', at: now })
      .thenThrows(PermanentDeferralCannotBeLifted, 'DONORS.PERMANENT_DEFERRAL_CANNOT_BE_LIFTED');
  });

  it('refuses to lift a deferral that has already ended', () => {
    given([registered(), temporaryDeferral('2025-03-05T00:00:00.000Z')])
      .when({ type: 'LiftDeferral', donorId, deferralId: 'def-0', reason: 'x', at: now })
      .thenThrows(DeferralNotInForce, 'DONORS.DEFERRAL_NOT_IN_FORCE');
  });

  it('refuses to lift a deferral twice', () => {
    given([
      registered(),
      temporaryDeferral('2025-04-01T00:00:00.000Z'),
      { type: 'DonorDeferralLifted', data: { donorId, deferralId: 'def-0', reason: 'error', liftedAt: now } },
    ])
      .when({ type: 'LiftDeferral', donorId, deferralId: 'def-0', reason: 'x', at: now })
      .thenThrows(DeferralNotInForce, 'DONORS.DEFERRAL_NOT_IN_FORCE');
  });

  it('refuses an unknown deferral', () => {
    given([registered()])
      .when({ type: 'LiftDeferral', donorId, deferralId: 'nope', reason: 'x', at: now })
      .thenThrows(DeferralNotFound, 'DONORS.DEFERRAL_NOT_FOUND');
  });
});

describe('the business time of a screening', () => {
  const REASON = 'screened at a mobile session during a network outage';

  it('dates the screening, the eligibility and its validity at the stated time, not at entry', () => {
    const screenedAt = '2025-03-08T10:30:00.000Z';
    const events = decide([registered()], screen({ screenedAt, lateEntryReason: REASON }));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'DonorScreened',
        data: expect.objectContaining({ screenedAt, lateEntry: { reason: REASON, delayMinutes: 2790 } }),
      }),
      expect.objectContaining({
        type: 'DonorFoundEligible',
        data: expect.objectContaining({ eligibleAt: screenedAt, validUntil: '2025-03-09T10:30:00.000Z' }),
      }),
    ]);
  });

  it('reads the deferrals in force at the stated time', () => {
    // the deferral ended on 5 March: a screening stated on 4 March was done while it was in force
    given([registered(), temporaryDeferral('2025-03-05T00:00:00.000Z')])
      .when(screen({ screenedAt: '2025-03-04T09:00:00.000Z', lateEntryReason: REASON }))
      .thenThrows(DonorCurrentlyDeferred, 'DONORS.DONOR_DEFERRED');
  });

  it('needs a reason once the screening is entered more than 24 h after it was done', () => {
    given([registered()])
      .when(screen({ screenedAt: '2025-03-09T08:59:00.000Z' }))
      .thenThrows(Error, 'DONORS.LATE_ENTRY_REASON_REQUIRED');
  });

  it('refuses a screening dated more than 5 minutes in the future', () => {
    given([registered()])
      .when(screen({ screenedAt: '2025-03-10T09:06:00.000Z' }))
      .thenThrows(Error, 'DONORS.BUSINESS_TIME_IN_FUTURE');
  });
});
