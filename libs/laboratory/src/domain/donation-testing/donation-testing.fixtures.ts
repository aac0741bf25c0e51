import type { Abo, Actor, Marker, RhD } from '@hemotrace/kernel';
import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { LaboratoryProfile, ScreeningMethod } from '../profiles';
import { CN_2019_LABORATORY } from '../profiles';
import type {
  ConcludeTesting,
  CorrectResult,
  ReceiveSample,
  RecordBloodGroup,
  RecordMarkerResult,
} from './donation-testing.commands';
import type { DonationTestingEvent, Interpretation } from './donation-testing.events';

/** Small named builders for the given/when/then specifications of donation testing. */
export const DIN = 'A999926000001';
export const DONOR = 'donor-1';
export const COLLECTED_AT = '2026-03-01T08:00:00.000Z';
export const RECEIVED_AT = '2026-03-01T10:00:00.000Z';
export const NOW = '2026-03-02T09:00:00.000Z';
export const lab: Actor = { userId: 'lab-1', role: 'laboratory', siteId: 'BC-1' };

export const receive = (overrides: Partial<ReceiveSample> = {}): ReceiveSample => ({
  type: 'ReceiveSample',
  din: DIN,
  actor: lab,
  now: RECEIVED_AT,
  timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
  donation: { donorId: DONOR, collectedAt: COLLECTED_AT },
  labSiteId: 'BC-1',
  labType: 'CENTRAL_LAB',
  transportMinutes: 90,
  condition: 'ACCEPTABLE',
  receivedAt: RECEIVED_AT,
  ...overrides,
});

export const sampleReceived = (
  condition: 'ACCEPTABLE' | 'HAEMOLYSED' = 'ACCEPTABLE',
): DonationTestingEvent => ({
  type: 'SampleReceived',
  data: {
    din: DIN,
    donorId: DONOR,
    collectedAt: COLLECTED_AT,
    labSiteId: 'BC-1',
    labType: 'CENTRAL_LAB',
    transportMinutes: 90,
    condition,
    receivedAt: RECEIVED_AT,
  },
});

export const determine = (
  forward: Abo,
  reverse: Abo,
  rhd: RhD,
  historicalGroup: RecordBloodGroup['historicalGroup'] = null,
): RecordBloodGroup => ({
  type: 'RecordBloodGroup',
  din: DIN,
  actor: lab,
  now: NOW,
  timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
  forward,
  reverse,
  rhd,
  method: 'MICROPLATE',
  reagentLot: 'ABO-LOT-1',
  determinedAt: NOW,
  historicalGroup,
});

export const determined = (forward: Abo, reverse: Abo, rhd: RhD): DonationTestingEvent => ({
  type: 'BloodGroupDetermined',
  data: { din: DIN, forward, reverse, rhd, method: 'MICROPLATE', reagentLot: 'ABO-LOT-1', determinedAt: NOW },
});

export const groupConfirmed = (abo: Abo, rhd: RhD): DonationTestingEvent[] => [
  determined(abo, abo, rhd),
  determined(abo, abo, rhd),
  {
    type: 'BloodGroupConfirmed',
    data: { din: DIN, bloodGroup: { abo, rhd }, basis: 'TWO_DETERMINATIONS', confirmedAt: NOW },
  },
];

export const antibodyScreenNegative: DonationTestingEvent = {
  type: 'AntibodyScreenRecorded',
  data: { din: DIN, result: 'NEGATIVE', method: 'MICROPLATE', reagentLot: 'SCREEN-LOT-1', testedAt: NOW },
};

export const markerCommand = (
  marker: Marker,
  method: ScreeningMethod,
  manufacturer: string,
  interpretation: Interpretation | undefined,
  overrides: Partial<RecordMarkerResult> = {},
): RecordMarkerResult => ({
  type: 'RecordMarkerResult',
  din: DIN,
  actor: lab,
  now: NOW,
  timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
  resultId: 'r-new',
  marker,
  method,
  reagent: { manufacturer, lot: `${manufacturer}-LOT-1` },
  ...(interpretation === undefined ? {} : { interpretation }),
  testedAt: NOW,
  profile: CN_2019_LABORATORY,
  ...overrides,
});

let sequence = 0;

export const markerRecorded = (
  marker: Marker,
  method: ScreeningMethod,
  manufacturer: string,
  interpretation: Interpretation,
  extra: { resultId?: string; testRole?: 'INITIAL' | 'RETEST'; value?: number; poolId?: string } = {},
): DonationTestingEvent => ({
  type: 'MarkerResultRecorded',
  data: {
    din: DIN,
    resultId: extra.resultId ?? `r-${++sequence}`,
    marker,
    method,
    reagent: { manufacturer, lot: `${manufacturer}-LOT-1` },
    interpretation,
    testRole: extra.testRole ?? 'INITIAL',
    testedAt: NOW,
    ...(extra.value === undefined ? {} : { value: extra.value }),
    ...(extra.poolId === undefined ? {} : { poolId: extra.poolId }),
  },
});

export const twoElisas = (marker: Marker): DonationTestingEvent[] => [
  markerRecorded(marker, 'ELISA', 'KitMakerA', 'NON_REACTIVE'),
  markerRecorded(marker, 'ELISA', 'KitMakerB', 'NON_REACTIVE'),
];

/** Every CN 2019 mandatory marker screened non-reactive (HIV, HBV, HCV by two makers; syphilis; ALT 20 U/L). */
export const allMarkersNonReactive = (except: Marker[] = []): DonationTestingEvent[] => [
  ...(['HIV', 'HBV', 'HCV'] as Marker[]).filter((m) => !except.includes(m)).flatMap(twoElisas),
  ...(except.includes('SYPHILIS') ? [] : [markerRecorded('SYPHILIS', 'ELISA', 'KitMakerA', 'NON_REACTIVE')]),
  ...(except.includes('ALT')
    ? []
    : [markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'NON_REACTIVE', { resultId: 'alt-1', value: 20 })]),
];

export const conclude = (profile: LaboratoryProfile = CN_2019_LABORATORY): ConcludeTesting => ({
  type: 'ConcludeTesting',
  din: DIN,
  actor: lab,
  now: NOW,
  timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
  concludedAt: NOW,
  profile,
});

export const correct = (resultId: string, overrides: Partial<CorrectResult> = {}): CorrectResult => ({
  type: 'CorrectResult',
  din: DIN,
  actor: lab,
  now: NOW,
  timePolicy: DEFAULT_BUSINESS_TIME_POLICY,
  resultId,
  reason: 'Transcription error from the instrument printout',
  verifierUserId: 'lab-2',
  profile: CN_2019_LABORATORY,
  ...overrides,
});
