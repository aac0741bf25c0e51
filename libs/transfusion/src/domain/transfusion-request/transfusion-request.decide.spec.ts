import { addHours, DomainError } from '@hemotrace/kernel';
import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { Imputability, ReactionCategory, SeverityGrade } from './transfusion-request.event-data';
import { TRANSFUSION_PROFILES } from '../profile/transfusion-profile';
import {
  allocatedUnit,
  bedsidePassed,
  HOSPITAL,
  issued,
  NOW,
  nurse,
  PATIENT_ID,
  patient,
  REQUEST_ID,
  requested,
  started,
  transfused,
  unit,
  VITALS,
} from '../testing/transfusion.fixtures';
import { transfusionRequestDecider } from './transfusion-request.decide';
import type { ReportAdverseReaction } from './transfusion-request.decide';

const given = DeciderSpecification.for(transfusionRequestDecider);
const CN = TRANSFUSION_PROFILES['CN-2019'];
const EU = TRANSFUSION_PROFILES.EU;
const red = unit('O+');
const emergency = requested('RED_CELLS', { urgency: 'EMERGENCY' });

describe('emergency release of uncrossmatched group O red cells', () => {
  const release = (u = unit('O-'), p = patient('O+', { samples: [] })) => ({
    type: 'ReleaseEmergencyUnit' as const,
    unit: u,
    patient: p,
    reason: 'Massive haemorrhage, no time to crossmatch',
    profile: CN,
    actor: nurse,
    now: NOW,
  });
  it('records who authorized it, why, when and which checks were waived', () => {
    const u = unit('O-');
    given([emergency])
      .when(release(u))
      .then([
        {
          type: 'EmergencyReleaseAuthorized',
          data: {
            requestId: REQUEST_ID,
            patientId: PATIENT_ID,
            hospitalSiteId: HOSPITAL,
            unitId: u.unitId,
            din: u.din,
            productCode: u.productCode,
            authorizedBy: 'nurse-1',
            reason: 'Massive haemorrhage, no time to crossmatch',
            waivedChecks: ['CROSSMATCH', 'PATIENT_GROUP_UNKNOWN'],
            authorizedAt: NOW,
          },
        },
        allocatedUnit(u, null),
      ]);
  });
  it('lists an RhD mismatch with a known patient group as a waived check', () => {
    const events = transfusionRequestDecider.decide(
      release(unit('O+'), patient('A-')),
      transfusionRequestDecider.evolve(transfusionRequestDecider.initialState, emergency),
    );
    expect(events[0].data).toMatchObject({ waivedChecks: ['CROSSMATCH', 'RHD'] });
  });
  it('is refused for a routine request', () => {
    given([requested()]).when(release()).thenThrows(DomainError, 'TRANSFUSION.NOT_AN_EMERGENCY_REQUEST');
  });
  it('is refused for a group A unit', () => {
    given([emergency])
      .when(release(unit('A-')))
      .thenThrows(DomainError, 'TRANSFUSION.EMERGENCY_UNIT_NOT_GROUP_O_RED_CELLS');
  });
  it('never waives expiry', () => {
    given([emergency])
      .when(release(unit('O-', { expiresAt: addHours(NOW, -1) })))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_EXPIRED');
  });
  it('never waives release status', () => {
    given([emergency])
      .when(release(unit('O-', { releaseStatus: 'Quarantined' })))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_AVAILABLE');
  });
});

describe('issue to the ward', () => {
  const issue = (now = NOW) => ({
    type: 'IssueUnitToWard' as const,
    unitId: red.unitId,
    ward: 'ICU-3',
    actor: nurse,
    timePolicy: CN.businessTime,
    now,
  });
  it('issues an allocated, crossmatched unit', () => {
    given([requested(), allocatedUnit(red)])
      .when(issue())
      .then([issued(red)]);
  });
  it('marks an emergency-released unit as not crossmatched', () => {
    const events = transfusionRequestDecider.decide(
      issue(),
      [emergency, allocatedUnit(red, null)].reduce(
        transfusionRequestDecider.evolve,
        transfusionRequestDecider.initialState,
      ),
    );
    expect(events[0].data).toMatchObject({ crossmatched: false, emergencyRelease: true });
  });
  it('refuses a unit not allocated to this request', () => {
    given([requested()]).when(issue()).thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_IN_EXPECTED_STATE');
  });
  it('refuses once the crossmatch sample has expired', () => {
    given([requested(), allocatedUnit(red, addHours(NOW, 1))])
      .when(issue(addHours(NOW, 2)))
      .thenThrows(DomainError, 'TRANSFUSION.CROSSMATCH_SAMPLE_EXPIRED');
  });
});

describe('bedside verification', () => {
  const scan = (patientId: string, din: string, productCode: string) => ({
    type: 'VerifyAtBedside' as const,
    scannedPatientId: patientId,
    scannedDin: din,
    scannedProductCode: productCode,
    actor: nurse,
    timePolicy: CN.businessTime,
    now: NOW,
  });
  it('passes when wristband and unit match the allocation', () => {
    given([requested(), allocatedUnit(red), issued(red)])
      .when(scan(PATIENT_ID, red.din, red.productCode))
      .then([bedsidePassed(red)]);
  });
  it('records a failed check for the wrong patient instead of throwing', () => {
    given([requested(), allocatedUnit(red), issued(red)])
      .when(scan('someone-else', red.din, red.productCode))
      .then([
        {
          type: 'BedsideCheckFailed',
          data: {
            requestId: REQUEST_ID,
            expectedPatientId: PATIENT_ID,
            scannedPatientId: 'someone-else',
            hospitalSiteId: HOSPITAL,
            scannedUnitId: red.unitId,
            scannedDin: red.din,
            scannedProductCode: red.productCode,
            reasons: ['PATIENT_MISMATCH'],
            checkedAt: NOW,
          },
        },
      ]);
  });
  it('records a failed check for a unit issued to no one on this request', () => {
    const events = transfusionRequestDecider.decide(
      scan(PATIENT_ID, 'A999925009999', red.productCode),
      [requested(), allocatedUnit(red), issued(red)].reduce(
        transfusionRequestDecider.evolve,
        transfusionRequestDecider.initialState,
      ),
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'BedsideCheckFailed',
        data: expect.objectContaining({ reasons: ['UNIT_NOT_ISSUED_FOR_THIS_REQUEST'] }),
      }),
    ]);
  });
  it('records a failed check for a unit allocated but not yet issued', () => {
    const events = transfusionRequestDecider.decide(
      scan(PATIENT_ID, red.din, red.productCode),
      [requested(), allocatedUnit(red)].reduce(
        transfusionRequestDecider.evolve,
        transfusionRequestDecider.initialState,
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['BedsideCheckFailed']);
  });
});

describe('administration', () => {
  it('refuses to start before the bedside check', () => {
    given([requested(), allocatedUnit(red), issued(red)])
      .when({
        type: 'StartTransfusion',
        unitId: red.unitId,
        startedAt: NOW,
        vitals: VITALS,
        actor: nurse,
        timePolicy: CN.businessTime,
        now: NOW,
      })
      .thenThrows(DomainError, 'TRANSFUSION.BEDSIDE_CHECK_REQUIRED');
  });
  it('starts after the bedside check with baseline vital signs', () => {
    given([requested(), allocatedUnit(red), issued(red), bedsidePassed(red)])
      .when({
        type: 'StartTransfusion',
        unitId: red.unitId,
        startedAt: NOW,
        vitals: VITALS,
        actor: nurse,
        timePolicy: CN.businessTime,
        now: NOW,
      })
      .then([started(red)]);
  });
  it('records vital signs during the transfusion and refuses them before it', () => {
    given([requested(), allocatedUnit(red), issued(red), bedsidePassed(red), started(red)])
      .when({
        type: 'RecordVitalSigns',
        unitId: red.unitId,
        measuredAt: addHours(NOW, 0.25),
        vitals: VITALS,
        actor: nurse,
        timePolicy: CN.businessTime,
        now: addHours(NOW, 0.25),
      })
      .then([
        {
          type: 'VitalSignsRecorded',
          data: {
            requestId: REQUEST_ID,
            unitId: red.unitId,
            vitals: VITALS,
            measuredAt: addHours(NOW, 0.25),
          },
        },
      ]);
    given([requested(), allocatedUnit(red), issued(red)])
      .when({
        type: 'RecordVitalSigns',
        unitId: red.unitId,
        measuredAt: NOW,
        vitals: VITALS,
        actor: nurse,
        timePolicy: CN.businessTime,
        now: NOW,
      })
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_IN_EXPECTED_STATE');
  });
  it('ends with the volume transfused', () => {
    given([requested(), allocatedUnit(red), issued(red), bedsidePassed(red), started(red)])
      .when({
        type: 'EndTransfusion',
        unitId: red.unitId,
        endedAt: addHours(NOW, 2),
        volumeMl: 280,
        actor: nurse,
        timePolicy: CN.businessTime,
        now: addHours(NOW, 2),
      })
      .then([transfused(red)]);
  });
  it('refuses an end before the start', () => {
    given([requested(), allocatedUnit(red), issued(red), bedsidePassed(red), started(red)])
      .when({
        type: 'EndTransfusion',
        unitId: red.unitId,
        endedAt: addHours(NOW, -1),
        volumeMl: 280,
        actor: nurse,
        timePolicy: CN.businessTime,
        now: NOW,
      })
      .thenThrows(DomainError, 'TRANSFUSION.END_BEFORE_START');
  });
});

describe('adverse reactions', () => {
  const afterTransfusion = [
    requested(),
    allocatedUnit(red),
    issued(red),
    bedsidePassed(red),
    started(red),
    transfused(red),
  ];
  const report = (
    category: ReactionCategory,
    onsetHoursAfterStart: number,
    severity: SeverityGrade = 2,
    imputability: Imputability = '2',
  ): ReportAdverseReaction => ({
    type: 'ReportAdverseReaction',
    reactionId: 'R-1',
    unitIds: [red.unitId],
    category,
    onsetAt: addHours(NOW, onsetHoursAfterStart),
    severity,
    imputability,
    description: 'dyspnoea, hypoxaemia',
    profile: CN,
    actor: nurse,
    now: addHours(NOW, 10),
  });
  const decide = (cmd: ReportAdverseReaction) =>
    transfusionRequestDecider.decide(
      cmd,
      afterTransfusion.reduce(transfusionRequestDecider.evolve, transfusionRequestDecider.initialState),
    );

  it('records TRALI 5 h after the end, with onset relative to the start', () => {
    expect(decide(report('TRALI', 7))[0]).toMatchObject({
      type: 'AdverseReactionReported',
      data: {
        category: 'TRALI',
        onsetMinutesAfterStart: 420,
        dins: [red.din],
        serious: true,
        reportableToRegulator: true,
      },
    });
  });
  it('refuses TRALI more than 6 h after the end', () => {
    given(afterTransfusion)
      .when(report('TRALI', 8.5))
      .thenThrows(DomainError, 'TRANSFUSION.ONSET_OUTSIDE_CATEGORY_WINDOW');
  });
  it('accepts TACO 11 h after the end and refuses it at 13 h', () => {
    expect(decide(report('TACO', 13))[0].type).toBe('AdverseReactionReported');
    given(afterTransfusion)
      .when(report('TACO', 15))
      .thenThrows(DomainError, 'TRANSFUSION.ONSET_OUTSIDE_CATEGORY_WINDOW');
  });
  it('refuses an onset before the transfusion started', () => {
    given(afterTransfusion)
      .when(report('FNHTR', -1))
      .thenThrows(DomainError, 'TRANSFUSION.ONSET_BEFORE_TRANSFUSION');
  });
  it('refuses a reaction to a unit that was never started', () => {
    given([requested(), allocatedUnit(red), issued(red)])
      .when(report('ALLERGIC', 1))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_IN_EXPECTED_STATE');
  });
  it('does not flag a non-severe reaction as serious', () => {
    expect(decide(report('ALLERGIC', 1, 1, '3'))[0].data).toMatchObject({
      serious: false,
      reportableToRegulator: false,
    });
  });
  it('reports a serious possible reaction under CN-2019 but not under EU (imputability 2 needed)', () => {
    expect(decide(report('AHTR', 1, 3, '1'))[0].data).toMatchObject({
      serious: true,
      reportableToRegulator: true,
    });
    expect(decide({ ...report('AHTR', 1, 3, '1'), profile: EU })[0].data).toMatchObject({
      serious: true,
      reportableToRegulator: false,
    });
    expect(decide({ ...report('AHTR', 1, 3, 'NA'), profile: CN })[0].data).toMatchObject({
      reportableToRegulator: false,
    });
  });
  it('emits a suspected transfusion-transmitted infection that starts the traceback', () => {
    const events = decide({ ...report('TTI', 24 * 30), suspectedAgent: 'HBV' });
    expect(events[1]).toEqual({
      type: 'TransfusionTransmittedInfectionSuspected',
      data: {
        reactionId: 'R-1',
        requestId: REQUEST_ID,
        patientId: PATIENT_ID,
        hospitalSiteId: HOSPITAL,
        unitIds: [red.unitId],
        dins: [red.din],
        suspectedAgent: 'HBV',
        reportedAt: addHours(NOW, 10),
      },
    });
  });
});

describe('unused units', () => {
  const issuedUnit = [requested(), allocatedUnit(red), issued(red)];
  const back = (minutesOutOfStorage: number, temperatureC: number) => ({
    type: 'ReturnUnitToBloodBank' as const,
    unitId: red.unitId,
    minutesOutOfStorage,
    temperatureC,
    profile: CN,
    timePolicy: CN.businessTime,
    actor: nurse,
    now: NOW,
  });
  it('go back to the blood bank within 30 minutes and 1-10 C', () => {
    given(issuedUnit)
      .when(back(20, 6))
      .then([
        {
          type: 'UnitReturnedToBloodBank',
          data: {
            requestId: REQUEST_ID,
            hospitalSiteId: HOSPITAL,
            unitId: red.unitId,
            minutesOutOfStorage: 20,
            temperatureC: 6,
            returnedAt: NOW,
          },
        },
      ]);
  });
  it('are refused back after 45 minutes or at 14 C', () => {
    given(issuedUnit).when(back(45, 6)).thenThrows(DomainError, 'TRANSFUSION.RETURN_OUTSIDE_LIMITS');
    given(issuedUnit).when(back(10, 14)).thenThrows(DomainError, 'TRANSFUSION.RETURN_OUTSIDE_LIMITS');
  });
  it('are wasted with a reason', () => {
    given(issuedUnit)
      .when({
        type: 'WasteUnit',
        unitId: red.unitId,
        reason: 'left at room temperature',
        timePolicy: CN.businessTime,
        actor: nurse,
        now: NOW,
      })
      .then([
        {
          type: 'UnitWasted',
          data: {
            requestId: REQUEST_ID,
            hospitalSiteId: HOSPITAL,
            unitId: red.unitId,
            reason: 'left at room temperature',
            wastedAt: NOW,
          },
        },
      ]);
  });
  it('cannot be wasted once transfused', () => {
    given([...issuedUnit, bedsidePassed(red), started(red), transfused(red)])
      .when({
        type: 'WasteUnit',
        unitId: red.unitId,
        reason: 'x',
        timePolicy: CN.businessTime,
        actor: nurse,
        now: NOW,
      })
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_IN_EXPECTED_STATE');
  });
});
