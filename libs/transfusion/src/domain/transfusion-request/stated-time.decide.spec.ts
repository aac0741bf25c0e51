import { addHours, DomainError } from '@hemotrace/kernel';
import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { TRANSFUSION_PROFILES } from '../profile/transfusion-profile';
import {
  allocatedUnit,
  bedsidePassed,
  issued,
  NOW,
  nurse,
  PATIENT_ID,
  patient,
  requested,
  sample,
  started,
  unit,
  VITALS,
} from '../testing/transfusion.fixtures';
import { transfusionRequestDecider } from './transfusion-request.decide';

/**
 * Staff state when a step at the blood bank or the bedside happened (21 CFR 11.10(e)): every
 * clock of the step reads that time, it cannot precede the step it follows, and a step entered
 * more than 24 h later carries its reason.
 */
const given = DeciderSpecification.for(transfusionRequestDecider);
const CN = TRANSFUSION_PROFILES['CN-2019'];
const red = unit('O+');
const entry = { actor: nurse, now: NOW, timePolicy: CN.businessTime };
const REASON = 'paper record from the night shift';

describe('business time of a crossmatch', () => {
  const crossmatch = (performedAt: string, lateEntryReason?: string) => ({
    type: 'CrossmatchUnit' as const,
    unit: red,
    patient: patient('O+'),
    method: 'SEROLOGICAL' as const,
    serologicalResult: 'COMPATIBLE' as const,
    profile: CN,
    occurredAt: performedAt,
    ...(lateEntryReason ? { lateEntryReason } : {}),
    ...entry,
  });

  it('dates the crossmatch and the allocation at the stated time', () => {
    const at = addHours(NOW, -0.5);
    const events = transfusionRequestDecider.decide(
      crossmatch(at),
      [requested()].reduce(transfusionRequestDecider.evolve, transfusionRequestDecider.initialState),
    );
    expect(events.map((e) => [e.type, e.data as { performedAt?: string; allocatedAt?: string }])).toEqual([
      ['CrossmatchPerformed', expect.objectContaining({ performedAt: at })],
      ['UnitAllocated', expect.objectContaining({ allocatedAt: at })],
    ]);
    expect(events[0].data).not.toHaveProperty('lateEntry');
  });

  it('reads the sample valid at the stated time, not at entry', () => {
    // the only sample was drawn 15 min before NOW: valid at entry, not yet drawn 30 min before NOW
    const late = patient('O+', { samples: [sample('O+', { collectedAt: addHours(NOW, -0.25) })] });
    given([requested()])
      .when({ ...crossmatch(addHours(NOW, -0.5)), patient: late })
      .thenThrows(DomainError, 'TRANSFUSION.NO_VALID_SAMPLE');
  });

  it('is not dated before the request', () => {
    const early = patient('O+', { samples: [sample('O+', { collectedAt: addHours(NOW, -5) })] });
    given([requested()])
      .when({ ...crossmatch(addHours(NOW, -4)), patient: early })
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('is not dated before the hospital received the unit', () => {
    given([requested()])
      .when({ ...crossmatch(addHours(NOW, -0.5)), unit: unit('O+', { receivedAt: addHours(NOW, -0.25) }) })
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('refuses a time more than 5 minutes in the future', () => {
    given([requested()])
      .when(crossmatch(addHours(NOW, 0.1)))
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIME_IN_FUTURE');
  });
});

describe('business time of an issue to the ward', () => {
  const issue = (issuedAt: string, now: string, lateEntryReason?: string) => ({
    type: 'IssueUnitToWard' as const,
    unitId: red.unitId,
    ward: 'ICU-3',
    occurredAt: issuedAt,
    ...(lateEntryReason ? { lateEntryReason } : {}),
    ...entry,
    now,
  });

  it('checks the crossmatch sample at the time of issue, not of entry', () => {
    // the sample expired 1 h after NOW; the issue happened 30 min after NOW and is entered at +3 h
    const events = transfusionRequestDecider.decide(
      issue(addHours(NOW, 0.5), addHours(NOW, 3)),
      [requested(), allocatedUnit(red, addHours(NOW, 1))].reduce(
        transfusionRequestDecider.evolve,
        transfusionRequestDecider.initialState,
      ),
    );
    expect(events[0]).toMatchObject({ type: 'UnitIssuedToWard', data: { issuedAt: addHours(NOW, 0.5) } });
  });

  it('is not dated before the allocation', () => {
    given([requested(), allocatedUnit(red)])
      .when(issue(addHours(NOW, -0.5), NOW))
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('keeps the reason of a late entry, with the delay', () => {
    const events = transfusionRequestDecider.decide(
      issue(addHours(NOW, 1), addHours(NOW, 27), REASON),
      [requested(), allocatedUnit(red)].reduce(
        transfusionRequestDecider.evolve,
        transfusionRequestDecider.initialState,
      ),
    );
    expect(events[0].data).toMatchObject({ lateEntry: { reason: REASON, delayMinutes: 26 * 60 } });
  });

  it('needs a reason once it is entered more than 24 h late', () => {
    given([requested(), allocatedUnit(red)])
      .when(issue(addHours(NOW, 1), addHours(NOW, 27)))
      .thenThrows(DomainError, 'TRANSFUSION.LATE_ENTRY_REASON_REQUIRED');
  });
});

describe('business time at the bedside', () => {
  it('dates the bedside check and refuses one before the issue', () => {
    const check = (checkedAt: string) => ({
      type: 'VerifyAtBedside' as const,
      scannedPatientId: PATIENT_ID,
      scannedDin: red.din,
      scannedProductCode: red.productCode,
      occurredAt: checkedAt,
      ...entry,
      now: addHours(NOW, 1),
    });
    given([requested(), allocatedUnit(red), issued(red)])
      .when(check(addHours(NOW, 0.5)))
      .then([
        {
          type: 'BedsideCheckPassed',
          data: expect.objectContaining({ checkedAt: addHours(NOW, 0.5) }) as never,
        },
      ]);
    given([requested(), allocatedUnit(red), issued(red)])
      .when(check(addHours(NOW, -0.25)))
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('refuses a start of transfusion dated before the bedside check', () => {
    given([requested(), allocatedUnit(red), issued(red), bedsidePassed(red)])
      .when({
        type: 'StartTransfusion',
        unitId: red.unitId,
        startedAt: addHours(NOW, -0.1),
        vitals: VITALS,
        ...entry,
      })
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('refuses an end of transfusion more than 5 minutes in the future', () => {
    given([requested(), allocatedUnit(red), issued(red), bedsidePassed(red), started(red)])
      .when({
        type: 'EndTransfusion',
        unitId: red.unitId,
        endedAt: addHours(NOW, 2),
        volumeMl: 280,
        ...entry,
      })
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIME_IN_FUTURE');
  });
});

describe('business time of a return or waste of an unused unit', () => {
  it('dates the return at the stated time, not before the issue', () => {
    const back = (returnedAt: string) => ({
      type: 'ReturnUnitToBloodBank' as const,
      unitId: red.unitId,
      minutesOutOfStorage: 20,
      temperatureC: 6,
      profile: CN,
      occurredAt: returnedAt,
      ...entry,
      now: addHours(NOW, 2),
    });
    given([requested(), allocatedUnit(red), issued(red)])
      .when(back(addHours(NOW, 0.5)))
      .then([
        {
          type: 'UnitReturnedToBloodBank',
          data: expect.objectContaining({ returnedAt: addHours(NOW, 0.5) }) as never,
        },
      ]);
    given([requested(), allocatedUnit(red), issued(red)])
      .when(back(addHours(NOW, -0.5)))
      .thenThrows(DomainError, 'TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('keeps the reason of waste entered more than 24 h late', () => {
    const events = transfusionRequestDecider.decide(
      {
        type: 'WasteUnit',
        unitId: red.unitId,
        reason: 'left at room temperature',
        occurredAt: addHours(NOW, 1),
        lateEntryReason: REASON,
        ...entry,
        now: addHours(NOW, 30),
      },
      [requested(), allocatedUnit(red), issued(red)].reduce(
        transfusionRequestDecider.evolve,
        transfusionRequestDecider.initialState,
      ),
    );
    expect(events[0].data).toMatchObject({
      wastedAt: addHours(NOW, 1),
      lateEntry: { reason: REASON, delayMinutes: 29 * 60 },
    });
  });
});
