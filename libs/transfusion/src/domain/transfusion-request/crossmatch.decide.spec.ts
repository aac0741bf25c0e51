import { addHours, parseBloodGroup } from '@hemotrace/kernel';
import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { CrossmatchMethod } from './transfusion-request.event-data';
import type { UnitFacts } from '../compatibility/unit-facts';
import type { RegisteredPatient } from '../patient/patient.state';
import { TRANSFUSION_PROFILES } from '../profile/transfusion-profile';
import {
  abPatientWithAntiEAndAntiFya,
  allocatedUnit,
  HOSPITAL,
  NOW,
  nurse,
  PATIENT_ID,
  patient,
  REQUEST_ID,
  requested,
  sample,
  unit,
} from '../testing/transfusion.fixtures';
import { DomainError, NotFoundError } from '@hemotrace/kernel';
import { transfusionRequestDecider } from './transfusion-request.decide';
import type { CrossmatchUnit } from './transfusion-request.decide';
import type { TransfusionRequestEvent } from './transfusion-request.events';

const given = DeciderSpecification.for(transfusionRequestDecider);
const CN = TRANSFUSION_PROFILES['CN-2019'];
const US = TRANSFUSION_PROFILES['US-FDA'];

const crossmatch = (
  u: UnitFacts,
  p: RegisteredPatient,
  method: CrossmatchMethod = 'SEROLOGICAL',
  overrides: Partial<CrossmatchUnit> = {},
): CrossmatchUnit => ({
  type: 'CrossmatchUnit',
  unit: u,
  patient: p,
  method,
  serologicalResult: method === 'SEROLOGICAL' ? 'COMPATIBLE' : undefined,
  profile: CN,
  timePolicy: CN.businessTime,
  actor: nurse,
  now: NOW,
  ...overrides,
});

const compatible = (
  u: UnitFacts,
  p: RegisteredPatient,
  method: CrossmatchMethod = 'SEROLOGICAL',
): TransfusionRequestEvent[] => {
  const s = p.samples[p.samples.length - 1];
  return [
    {
      type: 'CrossmatchPerformed',
      data: {
        requestId: REQUEST_ID,
        patientId: PATIENT_ID,
        hospitalSiteId: HOSPITAL,
        unitId: u.unitId,
        din: u.din,
        productCode: u.productCode,
        method,
        result: 'COMPATIBLE',
        sampleId: s.sampleId,
        sampleValidUntil: s.validUntil,
        performedAt: NOW,
      },
    },
    allocatedUnit(u, s.validUntil),
  ];
};

describe('red cells must be ABO/RhD-compatible with the patient', () => {
  it('allocates O- red cells to an A+ patient', () => {
    const u = unit('O-');
    given([requested()])
      .when(crossmatch(u, patient('A+')))
      .then(compatible(u, patient('A+')));
  });
  it('refuses A+ red cells for an O+ patient', () => {
    given([requested()])
      .when(crossmatch(unit('A+'), patient('O+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('refuses O+ red cells for an O- patient', () => {
    given([requested()])
      .when(crossmatch(unit('O+'), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('refuses a unit without a confirmed group', () => {
    given([requested()])
      .when(crossmatch(unit('O-', { bloodGroup: null }), patient('A+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
});

describe('plasma follows the reverse rule', () => {
  it('allocates AB plasma to an A patient', () => {
    const u = unit('AB+', { product: 'PLASMA' });
    given([requested('PLASMA')])
      .when(crossmatch(u, patient('A+')))
      .then(compatible(u, patient('A+')));
  });
  it('refuses O plasma for an A patient', () => {
    given([requested('PLASMA')])
      .when(crossmatch(unit('O+', { product: 'PLASMA' }), patient('A+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('does not apply the RhD rule to plasma', () => {
    const u = unit('A+', { product: 'PLASMA' });
    given([requested('PLASMA')])
      .when(crossmatch(u, patient('A-')))
      .then(compatible(u, patient('A-')));
  });
});

describe('platelets follow the profile', () => {
  it('CN-2019 refuses A platelets for an AB patient: ABO-identical only', () => {
    given([requested('PLATELETS')])
      .when(crossmatch(unit('A+', { product: 'PLATELETS' }), patient('AB+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('CN-2019 allocates AB platelets to an AB patient', () => {
    const u = unit('AB+', { product: 'PLATELETS' });
    given([requested('PLATELETS')])
      .when(crossmatch(u, patient('AB+')))
      .then(compatible(u, patient('AB+')));
  });
  it('US-FDA allows plasma-compatible AB platelets for an A patient', () => {
    const u = unit('AB+', { product: 'PLATELETS' });
    given([requested('PLATELETS')])
      .when(crossmatch(u, patient('A+'), 'SEROLOGICAL', { profile: US }))
      .then(compatible(u, patient('A+')));
  });
  it('US-FDA still refuses B platelets for an A patient', () => {
    given([requested('PLATELETS')])
      .when(crossmatch(unit('B+', { product: 'PLATELETS' }), patient('A+'), 'SEROLOGICAL', { profile: US }))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
});

describe('cryoprecipitate follows the profile', () => {
  it('CN-2019 applies the plasma rule', () => {
    given([requested('CRYO')])
      .when(crossmatch(unit('O+', { product: 'CRYO' }), patient('B+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('US-FDA accepts any group', () => {
    const u = unit('O+', { product: 'CRYO' });
    given([requested('CRYO')])
      .when(crossmatch(u, patient('B+'), 'SEROLOGICAL', { profile: US }))
      .then(compatible(u, patient('B+')));
  });
});

describe('a group AB patient with anti-E and anti-Fya receives only E-negative, Fya-negative red cells', () => {
  const p = abPatientWithAntiEAndAntiFya();
  it('allocates an A+ unit typed E- and Fya-', () => {
    const u = unit('A+', { phenotypeText: 'E-,Fya-' });
    given([requested()]).when(crossmatch(u, p)).then(compatible(u, p));
  });
  it('refuses an E- unit whose Fya is untyped', () => {
    given([requested()])
      .when(crossmatch(unit('A+', { phenotypeText: 'E-' }), p))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('refuses an E-, Fya+ unit', () => {
    given([requested()])
      .when(crossmatch(unit('O+', { phenotypeText: 'E-,Fya+' }), p))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('names every unmet antigen in the refusal', () => {
    expect(() =>
      transfusionRequestDecider.decide(
        crossmatch(unit('AB+'), p),
        transfusionRequestDecider.evolve(transfusionRequestDecider.initialState, requested()),
      ),
    ).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({
          findings: ['the unit is not typed E-negative', 'the unit is not typed Fya-negative'],
        }),
      }),
    );
  });
  it('applies antibodies identified after the request was made', () => {
    given([requested()])
      .when(crossmatch(unit('AB+', { phenotypeText: 'E-' }), p))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('records the antigens derived from the antibodies on the request', () => {
    const events = transfusionRequestDecider.decide(
      {
        type: 'RequestTransfusion',
        requestId: REQUEST_ID,
        patient: p,
        product: 'RED_CELLS',
        quantity: 1,
        urgency: 'ROUTINE',
        irradiated: false,
        leukoreduced: false,
        antigenNegative: ['K'],
        indication: 'anaemia',
        timePolicy: CN.businessTime,
        actor: nurse,
        now: NOW,
      },
      transfusionRequestDecider.initialState,
    );
    expect(events[0]).toMatchObject({
      type: 'TransfusionRequested',
      data: { requirements: { antigenNegative: ['K'], derivedAntigenNegative: ['E', 'Fya'] } },
    });
  });
});

describe('irradiated and leukoreduced requirements', () => {
  it('refuses a non-irradiated unit when irradiated was requested', () => {
    given([requested('RED_CELLS', { irradiated: true })])
      .when(crossmatch(unit('O+'), patient('O+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('allocates an irradiated unit when irradiated was requested', () => {
    const u = unit('O+', { irradiated: true });
    given([requested('RED_CELLS', { irradiated: true })])
      .when(crossmatch(u, patient('O+')))
      .then(compatible(u, patient('O+')));
  });
  it('refuses a non-leukoreduced platelet unit when leukoreduced was requested', () => {
    given([requested('PLATELETS', { leukoreduced: true })])
      .when(crossmatch(unit('O+', { product: 'PLATELETS' }), patient('O+')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_INCOMPATIBLE');
  });
  it('does not require irradiation of plasma', () => {
    const u = unit('AB+', { product: 'PLASMA' });
    given([requested('PLASMA', { irradiated: true })])
      .when(crossmatch(u, patient('O+')))
      .then(compatible(u, patient('O+')));
  });
});

describe('unit status and expiry', () => {
  it('refuses a quarantined unit', () => {
    given([requested()])
      .when(crossmatch(unit('O-', { releaseStatus: 'Quarantined' }), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_AVAILABLE');
  });
  it('refuses a unit held by another hospital', () => {
    given([requested()])
      .when(crossmatch(unit('O-', { siteId: 'HOSP-2' }), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_AVAILABLE');
  });
  it('refuses a unit allocated to another patient', () => {
    given([requested()])
      .when(crossmatch(unit('O-', { hospitalStatus: 'ALLOCATED' }), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_NOT_AVAILABLE');
  });
  it('refuses an expired unit', () => {
    given([requested()])
      .when(crossmatch(unit('O-', { expiresAt: addHours(NOW, -1) }), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.UNIT_EXPIRED');
  });
  it('refuses plasma for a red-cell request', () => {
    given([requested()])
      .when(crossmatch(unit('AB+', { product: 'PLASMA' }), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.WRONG_PRODUCT');
  });
  it('refuses more units than requested', () => {
    const first = unit('O-', { din: 'A999925000011' });
    given([requested('RED_CELLS', { quantity: 1 }), allocatedUnit(first)])
      .when(crossmatch(unit('O-'), patient('O-')))
      .thenThrows(DomainError, 'TRANSFUSION.QUANTITY_ALREADY_ALLOCATED');
  });
  it('refuses a crossmatch for an unknown request', () => {
    given([])
      .when(crossmatch(unit('O-'), patient('O-')))
      .thenThrows(NotFoundError, 'TRANSFUSION.REQUEST_NOT_FOUND');
  });
});

describe('the patient sample', () => {
  it('refuses without a sample', () => {
    given([requested()])
      .when(crossmatch(unit('O-'), patient('O-', { samples: [] })))
      .thenThrows(DomainError, 'TRANSFUSION.NO_VALID_SAMPLE');
  });
  it('refuses once the sample is older than the profile window (3 days)', () => {
    const old = sample('O-', { collectedAt: addHours(NOW, -80), validUntil: addHours(NOW, -8) });
    given([requested()])
      .when(crossmatch(unit('O-'), patient('O-', { samples: [old] })))
      .thenThrows(DomainError, 'TRANSFUSION.NO_VALID_SAMPLE');
  });
  it('refuses red cells while a positive screen awaits identification', () => {
    const positive = sample('O-', { antibodyScreen: 'POSITIVE' });
    given([requested()])
      .when(crossmatch(unit('O-'), patient('O-', { samples: [positive] })))
      .thenThrows(DomainError, 'TRANSFUSION.ANTIBODY_IDENTIFICATION_PENDING');
  });
  it('refuses when two samples disagree on the group', () => {
    const samples = [sample('A+', { sampleId: 'S-0', collectedAt: addHours(NOW, -5) }), sample('O+')];
    given([requested()])
      .when(crossmatch(unit('O-'), patient('O+', { samples })))
      .thenThrows(DomainError, 'TRANSFUSION.GROUP_DISCREPANCY');
  });
  it('records an incompatible serological crossmatch without allocating', () => {
    const u = unit('O-');
    const events = transfusionRequestDecider.decide(
      crossmatch(u, patient('O-'), 'SEROLOGICAL', { serologicalResult: 'INCOMPATIBLE' }),
      transfusionRequestDecider.evolve(transfusionRequestDecider.initialState, requested()),
    );
    expect(events.map((e) => e.type)).toEqual(['CrossmatchPerformed']);
    expect(events[0].data).toMatchObject({ result: 'INCOMPATIBLE' });
  });
});

describe('electronic crossmatch', () => {
  it('is refused on a single sample without history', () => {
    given([requested()])
      .when(crossmatch(unit('O-'), patient('O-'), 'ELECTRONIC'))
      .thenThrows(DomainError, 'TRANSFUSION.ELECTRONIC_CROSSMATCH_NOT_ALLOWED');
  });
  it('is allowed with two agreeing samples', () => {
    const p = patient('A+', {
      samples: [sample('A+', { sampleId: 'S-0', collectedAt: addHours(NOW, -5) }), sample('A+')],
    });
    const u = unit('A+');
    given([requested()])
      .when(crossmatch(u, p, 'ELECTRONIC'))
      .then(compatible(u, p, 'ELECTRONIC'));
  });
  it('is allowed with one sample agreeing with a historical group', () => {
    const p = patient('A+', { historicalGroups: [parseBloodGroup('A+')] });
    const u = unit('A+');
    given([requested()])
      .when(crossmatch(u, p, 'ELECTRONIC'))
      .then(compatible(u, p, 'ELECTRONIC'));
  });
  it('is refused for a patient with antibodies', () => {
    const p = abPatientWithAntiEAndAntiFya();
    given([requested()])
      .when(
        crossmatch(
          unit('AB+', { phenotypeText: 'E-,Fya-' }),
          { ...p, historicalGroups: [parseBloodGroup('AB+')] },
          'ELECTRONIC',
        ),
      )
      .thenThrows(DomainError, 'TRANSFUSION.ELECTRONIC_CROSSMATCH_NOT_ALLOWED');
  });
});
