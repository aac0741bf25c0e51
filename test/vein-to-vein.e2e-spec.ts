import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';
import { bloodCenter, hospital, registerSites } from './fixtures/sites.fixtures';

/**
 * Cross-context journeys through the public HTTP API only (no stored-event fixtures): a person walks
 * in, gives blood, the laboratory qualifies or rejects the donation, components follow automatically,
 * a hospital receives the unit, and an auditor traces it back with every hash verified.
 */
const elisa = (marker: string, manufacturer: string, interpretation = 'NON_REACTIVE') => ({
  marker,
  method: 'ELISA',
  reagent: { manufacturer, lot: `${manufacturer.toUpperCase()}-${marker}-V2V` },
  instrument: 'FAME-24/20',
  value: interpretation === 'NON_REACTIVE' ? 0.2 : 5.1,
  interpretation,
});

describe('vein to vein through the HTTP API', () => {
  let t: TestApp;
  let documentNumber = 0;

  beforeAll(async () => {
    t = await startTestApp();
    await registerSites(t.as('admin'), [bloodCenter('BC-1'), hospital('HOSP-1')]);
  });

  afterAll(async () => {
    await t.close();
  });

  const lab = (din: string, step: string) => `/api/v1/laboratory/donations/${din}/${step}`;

  const donate = async (din: string): Promise<string> => {
    const registered = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Li Wei',
        document: { type: 'RESIDENT_ID_CARD', number: `V2V${String(++documentNumber).padStart(6, '0')}` },
        birthDate: '1990-05-01',
        sex: 'M',
        contact: {},
      })
      .expect(201);
    const donorId = registered.body.donorId as string;
    const screened = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(201);
    expect(screened.body.outcome).toBe('ELIGIBLE');
    await t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .send({
        din,
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: 'BAG-V2V-01',
      })
      .expect(201);
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 402, endedAt: new Date().toISOString() })
      .expect(200);
    return donorId;
  };

  const groupAndScreen = async (din: string) => {
    await t
      .as('laboratory')
      .post(lab(din, 'sample-receipts'))
      .send({ labSiteId: 'BC-1', labType: 'CENTRAL_LAB', transportMinutes: 40, condition: 'ACCEPTABLE' })
      .expect(201);
    for (let i = 0; i < 2; i++) {
      await t
        .as('laboratory')
        .post(lab(din, 'blood-group-determinations'))
        .send({ forward: 'O', reverse: 'O', rhd: 'POS', method: 'MICROPLATE', reagentLot: 'ABO-V2V' })
        .expect(201);
    }
    await t
      .as('laboratory')
      .post(lab(din, 'antibody-screens'))
      .send({ result: 'NEGATIVE', method: 'MICROPLATE', reagentLot: 'SCR-V2V' })
      .expect(201);
  };

  const markersExceptHiv = async (din: string) => {
    for (const m of ['HBV', 'HCV']) {
      await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa(m, 'Wantai')).expect(201);
      await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa(m, 'Kehua')).expect(201);
    }
    await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa('SYPHILIS', 'Wantai')).expect(201);
    await t
      .as('laboratory')
      .post(lab(din, 'marker-results'))
      .send({
        marker: 'ALT',
        method: 'ENZYMATIC',
        reagent: { manufacturer: 'Mindray', lot: 'ALT-V2V' },
        value: 20,
      })
      .expect(201);
  };

  const prepareRedCells = async (din: string): Promise<string> => {
    const res = await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-1' })
      .expect(201);
    return (res.body.unitId as string | undefined) ?? `${din}-E0398V00`;
  };

  const unitStatus = async (unitId: string): Promise<string> =>
    (await t.as('components').get(`/api/v1/components/units/${unitId}`).expect(200)).body.status as string;

  it('registers a donor, collects, qualifies, releases, issues to a hospital and traces the unit back to the donor', async () => {
    const din = 'A999927000001';
    const donorId = await donate(din);
    const unitId = await prepareRedCells(din);
    expect(await unitStatus(unitId)).toBe('Quarantined');

    await groupAndScreen(din);
    await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa('HIV', 'Wantai')).expect(201);
    await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa('HIV', 'Kehua')).expect(201);
    await markersExceptHiv(din);
    const concluded = await t.as('laboratory').post(lab(din, 'conclusion')).expect(201);
    expect(concluded.body.recorded).toEqual(['DonationQualified']);

    await eventually(async () => expect(await unitStatus(unitId)).toBe('Released'));

    const shipment = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' })
      .expect(201);
    const shipmentId = shipment.body.shipmentId as string;
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
      .send({ unitId })
      .expect(201);
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
      .send({ carrier: 'City cold chain', coolerId: 'BOX-7', temperatureC: 4 })
      .expect(200);
    await t
      .as('hospital')
      .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
      .send({ condition: 'INTACT', temperatureC: 5, units: [{ unitId, accepted: true }] })
      .expect(200);

    const trace = await eventually(async () => {
      const res = await t.as('quality-auditor').get(`/api/v1/trace/units/${unitId}`).expect(200);
      expect(res.body.lineage.donors).toEqual([donorId]);
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['ShipmentReceived']),
      );
      return res.body;
    });
    const types = trace.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'DonorFoundEligible',
        'DonationStarted',
        'DonationCompleted',
        'MarkerResultRecorded',
        'DonationQualified',
        'UnitPrepared',
        'UnitReleased',
        'ShipmentDispatched',
        'ShipmentReceived',
      ]),
    );
    expect(types).not.toContain('DonorIdentityRecorded');
    const released = trace.events.find((e: { type: string }) => e.type === 'UnitReleased');
    const qualified = trace.events.find((e: { type: string }) => e.type === 'DonationQualified');
    expect(released.why.causationId).toBe(qualified.eventId);
    for (const event of trace.events) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.who.userId).toMatch(/^(user-|system)/);
      expect(event.where).toMatch(/^(BC-1|HOSP-1|SYSTEM)$/);
    }
    expect(trace.integrity.ok).toBe(true);
  });

  it('rejects a repeat-reactive donation, discards its unit automatically and defers nobody without confirmation', async () => {
    const din = 'A999927000002';
    const donorId = await donate(din);
    const unitId = await prepareRedCells(din);
    await groupAndScreen(din);
    await t
      .as('laboratory')
      .post(lab(din, 'marker-results'))
      .send(elisa('HIV', 'Wantai', 'REACTIVE'))
      .expect(201);
    await t
      .as('laboratory')
      .post(lab(din, 'marker-results'))
      .send(elisa('HIV', 'Wantai', 'REACTIVE'))
      .expect(201);
    await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa('HIV', 'Wantai')).expect(201);
    await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa('HIV', 'Kehua')).expect(201);
    await markersExceptHiv(din);
    const concluded = await t.as('laboratory').post(lab(din, 'conclusion')).expect(201);
    expect(concluded.body.recorded).toEqual(['DonationRejected']);

    await eventually(async () => expect(await unitStatus(unitId)).toBe('Discarded'));
    const unitEvents = await t.as('quality-auditor').get(`/api/v1/streams/Unit-${unitId}/events`).expect(200);
    const discarded = unitEvents.body.events.find((e: { type: string }) => e.type === 'UnitDiscarded');
    expect(JSON.stringify(discarded.data)).toContain('HIV');

    const packing = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' })
      .expect(201);
    const refused = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${packing.body.shipmentId}/units`)
      .send({ unitId });
    expect(refused.status).toBe(422);

    const donor = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
    expect(JSON.stringify(donor.body)).not.toContain('CONFIRMED_POSITIVE');
  });
});
