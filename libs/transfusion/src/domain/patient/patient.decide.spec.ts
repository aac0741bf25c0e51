import { addHours, DomainError, InvalidInput, NotFoundError, parseBloodGroup } from '@hemotrace/kernel';
import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { TRANSFUSION_PROFILES } from '../profile/transfusion-profile';
import { HOSPITAL, NOW, nurse, PATIENT_ID } from '../testing/transfusion.fixtures';
import type { PatientEvent } from './patient.events';
import { patientDecider } from './patient.decide';
import type { PatientCommand } from './patient.decide';

const given = DeciderSpecification.for(patientDecider);
const CN = TRANSFUSION_PROFILES['CN-2019'];
const registered: PatientEvent = {
  type: 'PatientRegistered',
  data: { patientId: PATIENT_ID, hospitalSiteId: HOSPITAL, registeredAt: NOW },
};
const typed = (screen: 'NEGATIVE' | 'POSITIVE'): PatientEvent => ({
  type: 'PatientSampleTyped',
  data: {
    patientId: PATIENT_ID,
    sampleId: 'S-1',
    collectedAt: addHours(NOW, -1),
    bloodGroup: parseBloodGroup('AB+'),
    antibodyScreen: screen,
    validUntil: addHours(NOW, 71),
    testedAt: NOW,
  },
});
const sampleCmd = (
  overrides: Partial<Extract<PatientCommand, { type: 'RecordPatientSample' }>> = {},
): PatientCommand => ({
  type: 'RecordPatientSample',
  sampleId: 'S-1',
  collectedAt: addHours(NOW, -1),
  bloodGroup: parseBloodGroup('AB+'),
  antibodyScreen: 'POSITIVE',
  profile: CN,
  actor: nurse,
  now: NOW,
  ...overrides,
});
const identify = (antibodies: string[]): PatientCommand => ({
  type: 'RecordAntibodyIdentification',
  sampleId: 'S-1',
  antibodies,
  actor: nurse,
  now: NOW,
});
const exemption = (relationship: 'SELF' | 'SPOUSE', volumes: number[], profile = CN): PatientCommand => ({
  type: 'AssessBloodFeeExemption',
  donorId: 'donor-1',
  relationship,
  donations: volumes.map((volumeMl, i) => ({ din: `A99992500000${i}`, volumeMl })),
  profile,
  actor: nurse,
  now: NOW,
});

describe('patient samples', () => {
  it('gives a sample the profile validity window from when it was drawn', () => {
    given([registered])
      .when(sampleCmd())
      .then([typed('POSITIVE')]);
  });
  it('refuses a duplicate sample id and a sample drawn in the future', () => {
    given([registered, typed('NEGATIVE')])
      .when(sampleCmd())
      .thenThrows(DomainError, 'TRANSFUSION.SAMPLE_ALREADY_RECORDED');
    given([registered])
      .when(sampleCmd({ collectedAt: addHours(NOW, 1) }))
      .thenThrows(DomainError, 'TRANSFUSION.SAMPLE_COLLECTED_IN_FUTURE');
  });
  it('refuses a sample for an unregistered patient', () => {
    given([]).when(sampleCmd()).thenThrows(NotFoundError, 'TRANSFUSION.PATIENT_NOT_FOUND');
  });
});

describe('antibody identification', () => {
  it('derives the antigens to avoid from anti-E and anti-Fya', () => {
    given([registered, typed('POSITIVE')])
      .when(identify(['anti-E', 'anti-Fya']))
      .then([
        {
          type: 'AntibodiesIdentified',
          data: {
            patientId: PATIENT_ID,
            sampleId: 'S-1',
            antibodies: ['anti-E', 'anti-Fya'],
            antigensToAvoid: ['E', 'Fya'],
            identifiedAt: NOW,
          },
        },
      ]);
  });
  it('refuses identification on a negative screen', () => {
    given([registered, typed('NEGATIVE')])
      .when(identify(['anti-E']))
      .thenThrows(DomainError, 'TRANSFUSION.ANTIBODY_SCREEN_NEGATIVE');
  });
  it('refuses an unknown antibody name', () => {
    given([registered, typed('POSITIVE')])
      .when(identify(['anti-Q']))
      .thenThrows(InvalidInput, 'BLOOD.UNKNOWN_ANTIBODY');
  });
  it('refuses an unknown sample', () => {
    given([registered])
      .when(identify(['anti-E']))
      .thenThrows(NotFoundError, 'TRANSFUSION.SAMPLE_NOT_FOUND');
  });
});

describe('donor blood-fee exemption (CN-2019)', () => {
  it('gives a donor who gave 800 mL lifetime free use', () => {
    given([registered])
      .when(exemption('SELF', [400, 400]))
      .then([
        {
          type: 'BloodFeeExemptionAssessed',
          data: {
            patientId: PATIENT_ID,
            donorId: 'donor-1',
            relationship: 'SELF',
            donatedVolumeMl: 800,
            donationCount: 2,
            lifetime: true,
            eligibleVolumeMl: null,
            rule: 'donor gave >= 800 mL: lifetime exemption',
            profileId: 'CN-2019',
            assessedAt: NOW,
          },
        },
      ]);
  });
  it('gives a donor who gave 400 mL five times that volume', () => {
    const [event] = patientDecider.decide(
      exemption('SELF', [400]),
      patientDecider.evolve(patientDecider.initialState, registered),
    );
    expect(event.data).toMatchObject({ lifetime: false, eligibleVolumeMl: 2000 });
  });
  it('gives a spouse once the donated volume, even past 800 mL', () => {
    const [event] = patientDecider.decide(
      exemption('SPOUSE', [400, 400, 200]),
      patientDecider.evolve(patientDecider.initialState, registered),
    );
    expect(event.data).toMatchObject({ lifetime: false, eligibleVolumeMl: 1000 });
  });
  it('refuses without a donation history', () => {
    given([registered])
      .when(exemption('SELF', []))
      .thenThrows(DomainError, 'TRANSFUSION.NO_DONATION_HISTORY');
  });
  it('refuses under a profile without the exemption', () => {
    given([registered])
      .when(exemption('SELF', [400], TRANSFUSION_PROFILES.EU))
      .thenThrows(DomainError, 'TRANSFUSION.FEE_EXEMPTION_NOT_IN_PROFILE');
  });
});
