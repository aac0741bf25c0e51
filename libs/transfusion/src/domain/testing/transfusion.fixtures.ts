import type { Actor, BloodGroup } from '@hemotrace/kernel';
import { addHours, parseBloodGroup, parsePhenotype } from '@hemotrace/kernel';
import type { RequestedProduct } from '../transfusion-request/transfusion-request.event-data';
import type { UnitFacts } from '../compatibility/unit-facts';
import type { PatientSample, RegisteredPatient } from '../patient/patient.state';
import type { TransfusionRequestEvent, Urgency } from '../transfusion-request/transfusion-request.events';

/** Small named builders for the given/when/then specs of this context. */
export const NOW = '2025-03-10T08:00:00.000Z';
export const HOSPITAL = 'HOSP-1';
export const nurse: Actor = { userId: 'nurse-1', role: 'hospital', siteId: HOSPITAL };
export const PATIENT_ID = '0195a000-0000-7000-8000-000000000001';
export const REQUEST_ID = '0195a000-0000-7000-8000-0000000000aa';

export const sample = (group: string, overrides: Partial<PatientSample> = {}): PatientSample => ({
  sampleId: 'S-1',
  collectedAt: addHours(NOW, -2),
  validUntil: addHours(NOW, 70),
  bloodGroup: parseBloodGroup(group),
  antibodyScreen: 'NEGATIVE',
  antibodiesIdentified: false,
  ...overrides,
});

export const patient = (group: string, overrides: Partial<RegisteredPatient> = {}): RegisteredPatient => ({
  status: 'Registered',
  patientId: PATIENT_ID,
  hospitalSiteId: HOSPITAL,
  samples: [sample(group)],
  historicalGroups: [],
  antibodies: [],
  antigensToAvoid: [],
  ...overrides,
});

/** A group AB patient whose antibody identification found anti-E and anti-Fya. */
export const abPatientWithAntiEAndAntiFya = (): RegisteredPatient =>
  patient('AB+', {
    samples: [sample('AB+', { antibodyScreen: 'POSITIVE', antibodiesIdentified: true })],
    antibodies: ['anti-E', 'anti-Fya'],
    antigensToAvoid: ['E', 'Fya'],
  });

const PRODUCT_CODES: Record<RequestedProduct, string> = {
  RED_CELLS: 'E0398V00',
  PLASMA: 'E2555V00',
  PLATELETS: 'E3088V00',
  CRYO: 'E5165V00',
};

export const unit = (
  group: string | BloodGroup,
  overrides: Partial<UnitFacts> & { phenotypeText?: string } = {},
): UnitFacts => {
  const product = overrides.product ?? 'RED_CELLS';
  const din = overrides.din ?? 'A999925000001';
  const productCode = overrides.productCode ?? PRODUCT_CODES[product ?? 'RED_CELLS'];
  const { phenotypeText, ...rest } = overrides;
  return {
    unitId: `${din}-${productCode}`,
    din,
    productCode,
    product,
    bloodGroup: typeof group === 'string' ? parseBloodGroup(group) : group,
    phenotype: parsePhenotype(phenotypeText ?? ''),
    irradiated: false,
    leukoreduced: false,
    expiresAt: addHours(NOW, 24 * 20),
    releaseStatus: 'Released',
    siteId: HOSPITAL,
    hospitalStatus: 'AVAILABLE',
    receivedAt: addHours(NOW, -24),
    ...rest,
  };
};

export const requested = (
  product: RequestedProduct = 'RED_CELLS',
  overrides: Partial<{ quantity: number; urgency: Urgency; irradiated: boolean; leukoreduced: boolean }> = {},
): TransfusionRequestEvent => ({
  type: 'TransfusionRequested',
  data: {
    requestId: REQUEST_ID,
    patientId: PATIENT_ID,
    hospitalSiteId: HOSPITAL,
    product,
    quantity: overrides.quantity ?? 2,
    urgency: overrides.urgency ?? 'ROUTINE',
    requirements: {
      irradiated: overrides.irradiated ?? false,
      leukoreduced: overrides.leukoreduced ?? false,
      antigenNegative: [],
      derivedAntigenNegative: [],
    },
    indication: 'Hb 62 g/L',
    requestedBy: nurse.userId,
    requestedAt: addHours(NOW, -1),
  },
});

export const allocatedUnit = (
  u: UnitFacts,
  sampleValidUntil: string | null = addHours(NOW, 70),
): TransfusionRequestEvent => ({
  type: 'UnitAllocated',
  data: {
    requestId: REQUEST_ID,
    patientId: PATIENT_ID,
    hospitalSiteId: HOSPITAL,
    unitId: u.unitId,
    din: u.din,
    productCode: u.productCode,
    expiresAt: u.expiresAt,
    basis: sampleValidUntil === null ? 'EMERGENCY_RELEASE' : 'CROSSMATCH',
    sampleValidUntil,
    allocatedAt: NOW,
  },
});

export const issued = (u: UnitFacts): TransfusionRequestEvent => ({
  type: 'UnitIssuedToWard',
  data: {
    requestId: REQUEST_ID,
    patientId: PATIENT_ID,
    hospitalSiteId: HOSPITAL,
    unitId: u.unitId,
    din: u.din,
    productCode: u.productCode,
    ward: 'ICU-3',
    crossmatched: true,
    emergencyRelease: false,
    issuedAt: NOW,
  },
});

export const bedsidePassed = (u: UnitFacts): TransfusionRequestEvent => ({
  type: 'BedsideCheckPassed',
  data: {
    requestId: REQUEST_ID,
    patientId: PATIENT_ID,
    hospitalSiteId: HOSPITAL,
    unitId: u.unitId,
    din: u.din,
    productCode: u.productCode,
    checkedAt: NOW,
  },
});

export const VITALS = { temperatureC: 36.8, pulsePerMin: 78, systolicMmHg: 122, diastolicMmHg: 76 };

export const started = (u: UnitFacts, at = NOW): TransfusionRequestEvent => ({
  type: 'TransfusionStarted',
  data: {
    requestId: REQUEST_ID,
    patientId: PATIENT_ID,
    unitId: u.unitId,
    din: u.din,
    startedAt: at,
    vitals: VITALS,
  },
});

export const transfused = (
  u: UnitFacts,
  startedAt = NOW,
  endedAt = addHours(NOW, 2),
): TransfusionRequestEvent => ({
  type: 'UnitTransfused',
  data: {
    requestId: REQUEST_ID,
    patientId: PATIENT_ID,
    hospitalSiteId: HOSPITAL,
    unitId: u.unitId,
    din: u.din,
    productCode: u.productCode,
    startedAt,
    endedAt,
    volumeMl: 280,
  },
});
