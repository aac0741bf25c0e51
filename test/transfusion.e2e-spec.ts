import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { ProductType, UnitPreparedContract } from '@hemotrace/components/contracts';
import { UNIT_PREPARED, unitStreamId } from '@hemotrace/components/contracts';
import type { ShipmentReceivedContract } from '@hemotrace/distribution/contracts';
import { SHIPMENT_RECEIVED, shipmentStreamId } from '@hemotrace/distribution/contracts';
import type { DonationCompletedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED, donationStreamId } from '@hemotrace/collection/contracts';
import { addDays, addHours, newId, parseBloodGroup, parsePhenotype, systemActor } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

let seq = 0;
const nextDin = (): string => `B888825${String(++seq).padStart(6, '0')}`;

describe('hospital transfusion', () => {
  let t: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp({ users: { 'hospital-2': { role: 'hospital', siteId: 'HOSP-2' } } });
    store = t.app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await t.close();
  });

  /**
   * Upstream fixture: a unit the components context released and the distribution context
   * delivered to a hospital, appended as their contract events (no dependency on their HTTP APIs).
   */
  const releasedUnitReceivedBy = async (
    hospitalSiteId: string,
    unit: {
      group: string;
      phenotype?: string;
      productType?: ProductType;
      productCode?: string;
      expiresInDays?: number;
      /** When it was prepared and received (business time); default now. */
      receivedAt?: string;
    },
  ): Promise<{ din: string; productCode: string; unitId: string }> => {
    const din = nextDin();
    const productCode = unit.productCode ?? 'E0398V00';
    const unitId = `${din}-${productCode}`;
    const now = unit.receivedAt ?? new Date().toISOString();
    const metadata = { actor: systemActor('BC-1'), correlationId: newId(), occurredAt: now };
    const prepared: UnitPreparedContract = {
      unitId,
      din,
      donorId: newId(),
      productCode,
      descriptionCode: productCode.slice(0, 5),
      productType: unit.productType ?? 'SUSPENDED_RED_CELLS',
      bloodGroup: parseBloodGroup(unit.group),
      phenotype: parsePhenotype(unit.phenotype ?? ''),
      volumeMl: 280,
      preparedAt: now,
      expiresAt: addDays(now, unit.expiresInDays ?? 20),
      siteId: 'BC-1',
      parentUnitIds: [],
      sourceDins: [din],
      method: 'SEPARATION',
      equipmentId: 'CENTRIFUGE-1',
      status: 'Released',
    };
    await store.append({
      streamId: unitStreamId(unitId),
      events: [{ type: UNIT_PREPARED, data: prepared }],
      expectedVersion: 'any',
      metadata,
    });
    const shipmentId = newId();
    const received: ShipmentReceivedContract = {
      shipmentId,
      type: 'HOSPITAL_ISSUE',
      fromSiteId: 'BC-1',
      toSiteId: hospitalSiteId,
      condition: 'INTACT',
      temperatureC: 4,
      units: [{ unitId, accepted: true }],
      receivedAt: now,
    };
    await store.append({
      streamId: shipmentStreamId(shipmentId),
      events: [{ type: SHIPMENT_RECEIVED, data: received }],
      expectedVersion: 'any',
      metadata: { ...metadata, actor: systemActor(hospitalSiteId) },
    });
    await eventually(async () => {
      const stock = await t
        .as(hospitalSiteId === 'HOSP-1' ? 'hospital' : 'hospital-2')
        .get('/api/v1/transfusion/stock')
        .expect(200);
      expect(stock.body.map((u: { unitId: string }) => u.unitId)).toContain(unitId);
    });
    return { din, productCode, unitId };
  };

  /** Upstream fixture: a completed donation as the collection context records it. */
  const completedDonation = async (donorId: string, volumeMl: number): Promise<void> => {
    const din = nextDin();
    const now = new Date().toISOString();
    const data: DonationCompletedContract = {
      din,
      donorId,
      procedure: 'WHOLE_BLOOD',
      volumeMl,
      startedAt: addHours(now, -1),
      endedAt: now,
      siteId: 'BC-1',
      siteType: 'FIXED_SITE',
      bagLot: 'BAG-LOT-1',
    };
    await store.append({
      streamId: donationStreamId(din),
      events: [{ type: DONATION_COMPLETED, data }],
      expectedVersion: 'any',
      metadata: { actor: systemActor('BC-1'), correlationId: newId(), occurredAt: now },
    });
  };

  const registerPatient = async (who = 'hospital', mrn = `MRN-${newId().slice(-8)}`): Promise<string> => {
    const res = await t
      .as(who)
      .post('/api/v1/transfusion/patients')
      .send({ mrn, familyName: 'Wang', givenName: 'Fang', birthDate: '1961-04-02', sex: 'FEMALE' })
      .expect(201);
    return res.body.patientId as string;
  };

  const typeSample = (
    patientId: string,
    sampleId: string,
    bloodGroup: string,
    antibodyScreen = 'NEGATIVE',
    who = 'hospital',
  ) =>
    t
      .as(who)
      .post(`/api/v1/transfusion/patients/${patientId}/samples`)
      .send({ sampleId, collectedAt: addHours(new Date().toISOString(), -1), bloodGroup, antibodyScreen });

  const requestBlood = async (patientId: string, body: Record<string, unknown> = {}): Promise<string> => {
    const res = await t
      .as('hospital')
      .post('/api/v1/transfusion/requests')
      .send({
        patientId,
        product: 'RED_CELLS',
        quantity: 1,
        urgency: 'ROUTINE',
        indication: 'Hb 62 g/L',
        ...body,
      })
      .expect(201);
    return res.body.requestId as string;
  };

  const streamEvents = async (
    streamId: string,
  ): Promise<{ type: string; data: Record<string, unknown>; actor: { userId: string } }[]> =>
    (await t.as('quality-auditor').get(`/api/v1/streams/${streamId}/events`).expect(200)).body.events;

  it('carries a group AB patient with anti-E and anti-Fya from request to transfusion and a reaction', async () => {
    const patientId = await registerPatient();
    await typeSample(patientId, 'S-AB-1', 'AB+', 'POSITIVE').expect(201);
    const identified = await t
      .as('hospital')
      .post(`/api/v1/transfusion/patients/${patientId}/samples/S-AB-1/antibody-identification`)
      .send({ antibodies: ['anti-E', 'anti-Fya'] })
      .expect(201);
    expect(identified.body.antigensToAvoid).toEqual(['E', 'Fya']);

    const requestId = await requestBlood(patientId);
    const request = await t.as('hospital').get(`/api/v1/transfusion/requests/${requestId}`).expect(200);
    expect(request.body.antigenNegative).toEqual(['E', 'Fya']);

    const fyaUntyped = await releasedUnitReceivedBy('HOSP-1', { group: 'A+', phenotype: 'E-' });
    const rare = await releasedUnitReceivedBy('HOSP-1', { group: 'AB+', phenotype: 'E-,Fya-' });

    const before = await streamEvents(`TransfusionRequest-${requestId}`);
    const refused = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
      .send({
        din: fyaUntyped.din,
        productCode: fyaUntyped.productCode,
        method: 'SEROLOGICAL',
        result: 'COMPATIBLE',
      })
      .expect(422);
    expect(refused.body.code).toBe('TRANSFUSION.UNIT_INCOMPATIBLE');
    expect(refused.body.details.findings).toEqual(['the unit is not typed Fya-negative']);
    expect(await streamEvents(`TransfusionRequest-${requestId}`)).toHaveLength(before.length);

    const electronic = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
      .send({ din: rare.din, productCode: rare.productCode, method: 'ELECTRONIC' })
      .expect(422);
    expect(electronic.body.code).toBe('TRANSFUSION.ELECTRONIC_CROSSMATCH_NOT_ALLOWED');

    const crossmatched = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
      .send({ din: rare.din, productCode: rare.productCode, method: 'SEROLOGICAL', result: 'COMPATIBLE' })
      .expect(201);
    expect(crossmatched.body).toMatchObject({
      allocated: true,
      crossmatch: { result: 'COMPATIBLE', unitId: rare.unitId },
    });
    const allocatedStock = await t
      .as('hospital')
      .get('/api/v1/transfusion/stock?status=ALLOCATED')
      .expect(200);
    expect(allocatedStock.body).toEqual([
      expect.objectContaining({ unitId: rare.unitId, patientId, requestId }),
    ]);

    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/issues`)
      .send({ din: rare.din, productCode: rare.productCode, ward: 'HAEM-2' })
      .expect(201);

    const mismatch = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/bedside-checks`)
      .send({ scannedPatientId: newId(), scannedDin: rare.din, scannedProductCode: rare.productCode })
      .expect(422);
    expect(mismatch.body.code).toBe('TRANSFUSION.BEDSIDE_MISMATCH');
    expect(mismatch.body.details.reasons).toEqual(['PATIENT_MISMATCH']);
    const afterMismatch = await streamEvents(`TransfusionRequest-${requestId}`);
    expect(afterMismatch.at(-1)).toMatchObject({
      type: 'BedsideCheckFailed',
      data: { expectedPatientId: patientId, reasons: ['PATIENT_MISMATCH'] },
      actor: { userId: 'user-hospital' },
    });

    const tooEarly = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${rare.unitId}/start`)
      .send({ vitals: { temperatureC: 36.7, pulsePerMin: 80, systolicMmHg: 120, diastolicMmHg: 75 } })
      .expect(422);
    expect(tooEarly.body.code).toBe('TRANSFUSION.BEDSIDE_CHECK_REQUIRED');

    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/bedside-checks`)
      .send({ scannedPatientId: patientId, scannedDin: rare.din, scannedProductCode: rare.productCode })
      .expect(200);
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${rare.unitId}/start`)
      .send({ vitals: { temperatureC: 36.7, pulsePerMin: 80, systolicMmHg: 120, diastolicMmHg: 75 } })
      .expect(200);
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${rare.unitId}/vital-signs`)
      .send({ vitals: { temperatureC: 38.9, pulsePerMin: 104, systolicMmHg: 118, diastolicMmHg: 70 } })
      .expect(201);
    const ended = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${rare.unitId}/end`)
      .send({ volumeMl: 150 })
      .expect(200);
    expect(ended.body).toMatchObject({
      patientId,
      unitId: rare.unitId,
      din: rare.din,
      hospitalSiteId: 'HOSP-1',
      volumeMl: 150,
    });

    const reaction = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/adverse-reactions`)
      .send({
        unitIds: [rare.unitId],
        category: 'FNHTR',
        onsetAt: new Date().toISOString(),
        severity: 1,
        imputability: '2',
        description: 'Fever 38.9 C with rigors during the transfusion',
      })
      .expect(201);
    expect(reaction.body).toMatchObject({
      category: 'FNHTR',
      serious: false,
      reportableToRegulator: false,
      dins: [rare.din],
    });

    const tti = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/adverse-reactions`)
      .send({
        unitIds: [rare.unitId],
        category: 'TTI',
        onsetAt: new Date().toISOString(),
        severity: 2,
        imputability: '1',
        description: 'HBsAg positive on follow-up',
        suspectedAgent: 'HBV',
      })
      .expect(201);
    const events = await streamEvents(`TransfusionRequest-${requestId}`);
    expect(events.at(-1)).toMatchObject({
      type: 'TransfusionTransmittedInfectionSuspected',
      data: {
        reactionId: tti.body.reactionId,
        patientId,
        unitIds: [rare.unitId],
        dins: [rare.din],
        suspectedAgent: 'HBV',
      },
    });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'CrossmatchPerformed',
        'UnitAllocated',
        'UnitIssuedToWard',
        'BedsideCheckPassed',
        'UnitTransfused',
      ]),
    );

    const record = await t.as('hospital').get(`/api/v1/transfusion/patients/${patientId}`).expect(200);
    expect(record.body).toMatchObject({
      patientId,
      hospitalSiteId: 'HOSP-1',
      antibodies: ['anti-E', 'anti-Fya'],
      transfusions: [{ requestId, unitId: rare.unitId, volumeMl: 150 }],
      bedsideCheckFailures: [{ requestId, reasons: ['PATIENT_MISMATCH'] }],
    });
    expect(record.body.reactions.map((r: { category: string }) => r.category)).toEqual(['FNHTR', 'TTI']);
    expect(record.body).not.toHaveProperty('familyName');

    const wardIssues = await t.as('hospital').get('/api/v1/transfusion/ward-issues?ward=HAEM-2').expect(200);
    expect(wardIssues.body).toEqual([
      expect.objectContaining({ unitId: rare.unitId, status: 'TRANSFUSED', crossmatched: true }),
    ]);

    const register = await t
      .as('quality-auditor')
      .get('/api/v1/transfusion/haemovigilance?siteId=HOSP-1')
      .expect(200);
    expect(register.body).toMatchObject({
      total: 2,
      serious: 1,
      reportableToRegulator: 1,
      byCategory: { FNHTR: 1, TTI: 1 },
      bySeverity: { '1': 1, '2': 1 },
      byImputability: { '2': 1, '1': 1 },
    });
  });

  it('records an emergency release of uncrossmatched group O red cells with who, why and when', async () => {
    const patientId = await registerPatient();
    const routine = await requestBlood(patientId);
    const requestId = await requestBlood(patientId, { urgency: 'EMERGENCY', quantity: 2 });
    const oNeg = await releasedUnitReceivedBy('HOSP-1', { group: 'O-' });
    const aNeg = await releasedUnitReceivedBy('HOSP-1', { group: 'A-' });

    const notEmergency = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${routine}/emergency-releases`)
      .send({ din: oNeg.din, productCode: oNeg.productCode, reason: 'Trauma bay, exsanguinating' })
      .expect(422);
    expect(notEmergency.body.code).toBe('TRANSFUSION.NOT_AN_EMERGENCY_REQUEST');
    const groupA = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/emergency-releases`)
      .send({ din: aNeg.din, productCode: aNeg.productCode, reason: 'Trauma bay, exsanguinating' })
      .expect(422);
    expect(groupA.body.code).toBe('TRANSFUSION.EMERGENCY_UNIT_NOT_GROUP_O_RED_CELLS');

    const released = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/emergency-releases`)
      .send({ din: oNeg.din, productCode: oNeg.productCode, reason: 'Trauma bay, exsanguinating' })
      .expect(201);
    expect(released.body).toMatchObject({
      unitId: oNeg.unitId,
      authorizedBy: 'user-hospital',
      reason: 'Trauma bay, exsanguinating',
      waivedChecks: ['CROSSMATCH', 'PATIENT_GROUP_UNKNOWN'],
    });
    expect(Date.parse(released.body.authorizedAt)).not.toBeNaN();

    const issued = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/issues`)
      .send({ din: oNeg.din, productCode: oNeg.productCode, ward: 'ED' })
      .expect(201);
    expect(issued.body).toMatchObject({ crossmatched: false, emergencyRelease: true });
    const record = await t.as('hospital').get(`/api/v1/transfusion/patients/${patientId}`).expect(200);
    expect(record.body.emergencyReleases).toEqual([
      expect.objectContaining({
        unitId: oNeg.unitId,
        authorizedBy: 'user-hospital',
        reason: 'Trauma bay, exsanguinating',
      }),
    ]);
  });

  it('keeps each hospital to its own patients, requests and stock', async () => {
    const patientId = await registerPatient();
    await typeSample(patientId, 'S-ISO-1', 'O+').expect(201);
    const requestId = await requestBlood(patientId);
    const unit = await releasedUnitReceivedBy('HOSP-1', { group: 'O+' });

    for (const path of [
      `/api/v1/transfusion/patients/${patientId}`,
      `/api/v1/transfusion/patients/${patientId}/identity`,
      `/api/v1/transfusion/requests/${requestId}`,
    ]) {
      const res = await t.as('hospital-2').get(path).expect(404);
      expect(res.body.code).toMatch(/^TRANSFUSION\.(PATIENT|REQUEST)_NOT_FOUND$/);
    }
    expect(
      (await typeSample(patientId, 'S-ISO-2', 'O+', 'NEGATIVE', 'hospital-2').expect(404)).body.code,
    ).toBe('TRANSFUSION.PATIENT_NOT_FOUND');
    await t
      .as('hospital-2')
      .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
      .send({ din: unit.din, productCode: unit.productCode, method: 'SEROLOGICAL', result: 'COMPATIBLE' })
      .expect(404);
    const stock2 = await t.as('hospital-2').get('/api/v1/transfusion/stock').expect(200);
    expect(stock2.body.map((u: { unitId: string }) => u.unitId)).not.toContain(unit.unitId);

    const theirPatient = await registerPatient('hospital-2');
    await typeSample(theirPatient, 'S-H2-1', 'O+', 'NEGATIVE', 'hospital-2').expect(201);
    const theirRequest = (
      await t
        .as('hospital-2')
        .post('/api/v1/transfusion/requests')
        .send({
          patientId: theirPatient,
          product: 'RED_CELLS',
          quantity: 1,
          urgency: 'ROUTINE',
          indication: 'x',
        })
        .expect(201)
    ).body.requestId;
    const foreignUnit = await t
      .as('hospital-2')
      .post(`/api/v1/transfusion/requests/${theirRequest}/crossmatches`)
      .send({ din: unit.din, productCode: unit.productCode, method: 'SEROLOGICAL', result: 'COMPATIBLE' })
      .expect(404);
    expect(foreignUnit.body.code).toBe('TRANSFUSION.UNIT_NOT_FOUND');
    const identity = await t
      .as('hospital')
      .get(`/api/v1/transfusion/patients/${patientId}/identity`)
      .expect(200);
    expect(identity.body).toMatchObject({ familyName: 'Wang', hospitalSiteId: 'HOSP-1' });
  });

  it('refuses bad input, unknown ids and wrong roles, writing nothing', async () => {
    const bad = await t
      .as('hospital')
      .post('/api/v1/transfusion/patients')
      .send({ mrn: 'MRN-1', familyName: 'Li', givenName: 'Wei', birthDate: 'yesterday', sex: 'F' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'sex']);

    const patientId = await registerPatient();
    const badAntigen = await t
      .as('hospital')
      .post('/api/v1/transfusion/requests')
      .send({
        patientId,
        product: 'RED_CELLS',
        quantity: 1,
        urgency: 'SOON',
        indication: 'x',
        antigenNegative: ['X'],
      })
      .expect(400);
    expect(badAntigen.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'antigenNegative',
      'urgency',
    ]);

    const unknownPatient = await t
      .as('hospital')
      .post('/api/v1/transfusion/requests')
      .send({ patientId: newId(), product: 'RED_CELLS', quantity: 1, urgency: 'ROUTINE', indication: 'x' })
      .expect(404);
    expect(unknownPatient.body.code).toBe('TRANSFUSION.PATIENT_NOT_FOUND');
    expect(
      (await t.as('hospital').get(`/api/v1/transfusion/requests/${newId()}`).expect(404)).body.code,
    ).toBe('TRANSFUSION.REQUEST_NOT_FOUND');

    const forbidden = await t
      .as('laboratory')
      .post('/api/v1/transfusion/requests')
      .send({ patientId, product: 'RED_CELLS', quantity: 1, urgency: 'ROUTINE', indication: 'x' })
      .expect(403);
    expect(forbidden.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await t.as('quality-auditor').get(`/api/v1/transfusion/patients/${patientId}/identity`).expect(403);

    const requestId = await requestBlood(patientId);
    const noSample = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
      .send({
        din: (await releasedUnitReceivedBy('HOSP-1', { group: 'O-' })).din,
        productCode: 'E0398V00',
        method: 'SEROLOGICAL',
        result: 'COMPATIBLE',
      })
      .expect(422);
    expect(noSample.body.code).toBe('TRANSFUSION.NO_VALID_SAMPLE');
    const issueUnallocated = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/issues`)
      .send({ din: 'B888825999999', productCode: 'E0398V00', ward: 'ICU' })
      .expect(422);
    expect(issueUnallocated.body.code).toBe('TRANSFUSION.UNIT_NOT_IN_EXPECTED_STATE');
    expect((await streamEvents(`TransfusionRequest-${requestId}`)).map((e) => e.type)).toEqual([
      'TransfusionRequested',
    ]);

    const duplicateMrn = await t
      .as('hospital')
      .post('/api/v1/transfusion/patients')
      .send({ mrn: 'MRN-DUP-1', familyName: 'Li', givenName: 'Wei', birthDate: '1980-01-01', sex: 'MALE' });
    expect(duplicateMrn.status).toBe(201);
    const again = await t
      .as('hospital')
      .post('/api/v1/transfusion/patients')
      .send({ mrn: 'MRN-DUP-1', familyName: 'Li', givenName: 'Wei', birthDate: '1980-01-01', sex: 'MALE' })
      .expect(422);
    expect(again.body.code).toBe('TRANSFUSION.MRN_ALREADY_REGISTERED');
  });

  it('returns an unused unit within limits, refuses one outside them, and records waste', async () => {
    const patientId = await registerPatient();
    await typeSample(patientId, 'S-RET-1', 'B+').expect(201);
    const requestId = await requestBlood(patientId, { quantity: 2 });
    const first = await releasedUnitReceivedBy('HOSP-1', { group: 'B+' });
    const second = await releasedUnitReceivedBy('HOSP-1', { group: 'O+' });
    for (const u of [first, second]) {
      await t
        .as('hospital')
        .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
        .send({ din: u.din, productCode: u.productCode, method: 'SEROLOGICAL', result: 'COMPATIBLE' })
        .expect(201);
      await t
        .as('hospital')
        .post(`/api/v1/transfusion/requests/${requestId}/issues`)
        .send({ din: u.din, productCode: u.productCode, ward: 'SURG-1' })
        .expect(201);
    }
    const tooLong = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${first.unitId}/return`)
      .send({ minutesOutOfStorage: 45, temperatureC: 6 })
      .expect(422);
    expect(tooLong.body.code).toBe('TRANSFUSION.RETURN_OUTSIDE_LIMITS');
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${first.unitId}/waste`)
      .send({ reason: 'Out of storage 45 min' })
      .expect(200);
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${second.unitId}/return`)
      .send({ minutesOutOfStorage: 15, temperatureC: 5 })
      .expect(200);
    const available = await t.as('hospital').get('/api/v1/transfusion/stock?status=AVAILABLE').expect(200);
    expect(available.body.map((u: { unitId: string }) => u.unitId)).toContain(second.unitId);
    const wasted = await t.as('hospital').get('/api/v1/transfusion/stock?status=WASTED').expect(200);
    expect(wasted.body.map((u: { unitId: string }) => u.unitId)).toEqual([first.unitId]);
  });

  it("assesses a donor's blood-fee exemption from the donation history", async () => {
    const donorId = newId();
    await completedDonation(donorId, 400);
    await completedDonation(donorId, 400);
    const patientId = await registerPatient();
    const self = await eventually(async () => {
      const res = await t
        .as('hospital')
        .post(`/api/v1/transfusion/patients/${patientId}/blood-fee-exemptions`)
        .send({ donorId, relationship: 'SELF' })
        .expect(201);
      return res.body;
    });
    expect(self).toMatchObject({
      donatedVolumeMl: 800,
      lifetime: true,
      eligibleVolumeMl: null,
      profileId: 'CN-2019',
    });
    const spouse = await t
      .as('hospital')
      .post(`/api/v1/transfusion/patients/${patientId}/blood-fee-exemptions`)
      .send({ donorId, relationship: 'SPOUSE' })
      .expect(201);
    expect(spouse.body).toMatchObject({ lifetime: false, eligibleVolumeMl: 800 });
    const stranger = await t
      .as('hospital')
      .post(`/api/v1/transfusion/patients/${patientId}/blood-fee-exemptions`)
      .send({ donorId: newId(), relationship: 'SELF' })
      .expect(422);
    expect(stranger.body.code).toBe('TRANSFUSION.NO_DONATION_HISTORY');
  });

  it('allocates one unit to exactly one of two simultaneous requests, decided on the unit, not a projection', async () => {
    for (let round = 0; round < 3; round++) {
      const unit = await releasedUnitReceivedBy('HOSP-1', { group: 'O-' });
      const requests: string[] = [];
      for (const sampleId of [`S-RACE-${round}-1`, `S-RACE-${round}-2`]) {
        const patientId = await registerPatient();
        await typeSample(patientId, sampleId, 'A+').expect(201);
        requests.push(await requestBlood(patientId));
      }
      const responses = await Promise.all(
        requests.map((requestId) =>
          t.as('hospital').post(`/api/v1/transfusion/requests/${requestId}/crossmatches`).send({
            din: unit.din,
            productCode: unit.productCode,
            method: 'SEROLOGICAL',
            result: 'COMPATIBLE',
          }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses[0]).toBe(201);
      expect([409, 422]).toContain(statuses[1]);
      const allocations = (await store.readAll('', 1_000_000)).events.filter(
        (e) => e.type === 'UnitAllocated' && (e.data as { unitId: string }).unitId === unit.unitId,
      );
      expect(allocations).toHaveLength(1);
      expect(
        (await streamEvents(`UnitAllocation-${unit.unitId}`)).map((e) => [e.type, e.data.requestId]),
      ).toEqual([['UnitReservedForRequest', allocations[0].streamId.replace('TransfusionRequest-', '')]]);
    }
  });

  it('keeps the business times of a transfusion entered from the paper record, each after the step it follows', async () => {
    /* The night's transfusion, entered the next afternoon from the paper record: every step late. */
    const base = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 30 * 3_600_000).toISOString();
    const at = (hours: number) => addHours(base, hours);
    const REASON = 'Night shift paper record, entered from the transfusion chart';
    const patientId = await registerPatient();
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/patients/${patientId}/samples`)
      .send({ sampleId: 'S-PAPER-1', collectedAt: at(-1), bloodGroup: 'A+', antibodyScreen: 'NEGATIVE' })
      .expect(201);
    const unit = await releasedUnitReceivedBy('HOSP-1', { group: 'A+', receivedAt: at(0.5) });
    const label = { din: unit.din, productCode: unit.productCode };
    const requestBody = {
      patientId,
      product: 'RED_CELLS',
      quantity: 1,
      urgency: 'ROUTINE',
      indication: 'Hb 58 g/L',
      requestedAt: at(0),
    };
    const unexplained = await t
      .as('hospital')
      .post('/api/v1/transfusion/requests')
      .send(requestBody)
      .expect(422);
    expect(unexplained.body.code).toBe('TRANSFUSION.LATE_ENTRY_REASON_REQUIRED');
    const requested = await t
      .as('hospital')
      .post('/api/v1/transfusion/requests')
      .send({ ...requestBody, lateEntryReason: REASON })
      .expect(201);
    const requestId = requested.body.requestId as string;
    const path = (step: string) => `/api/v1/transfusion/requests/${requestId}/${step}`;
    const stream = `TransfusionRequest-${requestId}`;

    const beforeRequest = await t
      .as('hospital')
      .post(path('crossmatches'))
      .send({
        ...label,
        method: 'SEROLOGICAL',
        result: 'COMPATIBLE',
        performedAt: at(-0.5),
        lateEntryReason: REASON,
      })
      .expect(422);
    expect(beforeRequest.body.code).toBe('TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
    await t
      .as('hospital')
      .post(path('crossmatches'))
      .send({
        ...label,
        method: 'SEROLOGICAL',
        result: 'COMPATIBLE',
        performedAt: at(1),
        lateEntryReason: REASON,
      })
      .expect(201);
    const written = (await streamEvents(stream)).length;
    const beforeAllocation = await t
      .as('hospital')
      .post(path('issues'))
      .send({ ...label, ward: 'HAEM-2', issuedAt: at(0.5), lateEntryReason: REASON })
      .expect(422);
    expect(beforeAllocation.body.code).toBe('TRANSFUSION.BUSINESS_TIMES_OUT_OF_ORDER');
    const inTheFuture = await t
      .as('hospital')
      .post(path('issues'))
      .send({ ...label, ward: 'HAEM-2', issuedAt: addHours(new Date().toISOString(), 1) })
      .expect(422);
    expect(inTheFuture.body.code).toBe('TRANSFUSION.BUSINESS_TIME_IN_FUTURE');
    expect(await streamEvents(stream)).toHaveLength(written);

    await t
      .as('hospital')
      .post(path('issues'))
      .send({ ...label, ward: 'HAEM-2', issuedAt: at(2), lateEntryReason: REASON })
      .expect(201);
    await t
      .as('hospital')
      .post(path('bedside-checks'))
      .send({
        scannedPatientId: patientId,
        scannedDin: unit.din,
        scannedProductCode: unit.productCode,
        checkedAt: at(2.5),
        lateEntryReason: REASON,
      })
      .expect(200);
    const vitals = { temperatureC: 36.7, pulsePerMin: 80, systolicMmHg: 120, diastolicMmHg: 75 };
    await t
      .as('hospital')
      .post(path(`units/${unit.unitId}/start`))
      .send({ vitals, startedAt: at(2.75), lateEntryReason: REASON })
      .expect(200);
    await t
      .as('hospital')
      .post(path(`units/${unit.unitId}/end`))
      .send({ volumeMl: 280, endedAt: at(4.75), lateEntryReason: REASON })
      .expect(200);

    const events = (await t.as('quality-auditor').get(`/api/v1/streams/${stream}/events`).expect(200)).body
      .events as { type: string; occurredAt: string; recordedAt: string; data: Record<string, unknown> }[];
    expect(events.map((e) => [e.type, e.occurredAt])).toEqual([
      ['TransfusionRequested', at(0)],
      ['CrossmatchPerformed', at(1)],
      ['UnitAllocated', at(1)],
      ['UnitIssuedToWard', at(2)],
      ['BedsideCheckPassed', at(2.5)],
      ['TransfusionStarted', at(2.75)],
      ['UnitTransfused', at(4.75)],
    ]);
    const timeField: Record<string, string> = {
      TransfusionRequested: 'requestedAt',
      CrossmatchPerformed: 'performedAt',
      UnitAllocated: 'allocatedAt',
      UnitIssuedToWard: 'issuedAt',
      BedsideCheckPassed: 'checkedAt',
      TransfusionStarted: 'startedAt',
      UnitTransfused: 'endedAt',
    };
    expect(events.map((e) => e.data[timeField[e.type]!])).toEqual(events.map((e) => e.occurredAt));
    for (const e of events.filter((x) => x.type !== 'UnitAllocated')) {
      expect(e.data.lateEntry).toEqual({
        reason: REASON,
        delayMinutes: Math.floor((Date.parse(e.recordedAt) - Date.parse(e.occurredAt)) / 60_000),
      });
    }
    await eventually(async () => {
      const unitEvents = await streamEvents(`Unit-${unit.unitId}`);
      const recorded = unitEvents.find((e) => e.type === 'UnitTransfusionRecorded');
      expect(recorded?.data.transfusedAt).toBe(at(4.75));
    });
  });

  it('registers one patient for simultaneous registrations of one MRN, decided on its own stream', async () => {
    const mrn = `MRN-RACE-${newId().slice(-8)}`;
    const body = { mrn, familyName: 'Zhao', givenName: 'Lei', birthDate: '1975-06-01', sex: 'MALE' };
    const count = async (type: string) =>
      (await store.readAll('', 1_000_000)).events.filter((e) => e.type === type).length;
    const [patients, identities] = [await count('PatientRegistered'), await count('PatientIdentityRecorded')];
    const responses = await Promise.all(
      [1, 2, 3].map(() => t.as('hospital').post('/api/v1/transfusion/patients').send(body)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const refused of responses.filter((r) => r.status !== 201)) {
      expect([409, 422]).toContain(refused.status);
      expect(refused.body.code).toMatch(
        /^(TRANSFUSION\.MRN_ALREADY_REGISTERED|STORE\.CONCURRENCY_CONFLICT)$/,
      );
    }
    expect(await count('PatientRegistered')).toBe(patients + 1);
    expect(await count('PatientIdentityRecorded')).toBe(identities + 1);
  });
});
