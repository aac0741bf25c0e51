import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import { donationCompleted, donationQualified } from './fixtures/donation-facts.fixtures';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';
import { bloodCenter, hospital, registerSites } from './fixtures/sites.fixtures';

/** Facts from last week's mobile session, entered today from the paper log: past business dates. */
const DIN = 'A999926700001';
const STARTED = '2026-11-20T08:00:00.000Z';
const ENDED = '2026-11-20T08:09:00.000Z';
const RECEIVED = '2026-11-20T11:30:00.000Z';
const TESTED = '2026-11-21T09:00:00.000Z';
const CONCLUDED = '2026-11-21T15:00:00.000Z';
const REASON = 'Mobile session entered from the paper log';

const lab = (step: string) => `/api/v1/laboratory/donations/${DIN}/${step}`;
const elisa = (marker: string, manufacturer: string) => ({
  marker,
  method: 'ELISA',
  reagent: { manufacturer, lot: `${manufacturer.toUpperCase()}-${marker}-L1` },
  value: 0.18,
  interpretation: 'NON_REACTIVE',
  testedAt: TESTED,
  lateEntryReason: REASON,
});

interface StoredEvent {
  type: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
}

describe('past facts keep their business time (HTTP)', () => {
  let t: TestApp;
  let donorId: string;

  const events = async (streamId: string): Promise<StoredEvent[]> => {
    const res = await t.as('quality-auditor').get(`/api/v1/streams/${streamId}/events`);
    return res.status === 404 ? [] : (res.body.events as StoredEvent[]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    const registered = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Wang Fang',
        document: { type: 'PASSPORT', number: 'E77000001' },
        birthDate: '1990-04-02',
        sex: 'F',
        contact: {},
      })
      .expect(201);
    donorId = registered.body.donorId as string;
    await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  const startBody = (overrides: Record<string, unknown> = {}) => ({
    din: DIN,
    donorId,
    procedure: 'WHOLE_BLOOD',
    volumeMl: 400,
    siteId: 'BC-1-BUS-2',
    siteType: 'MOBILE_VEHICLE',
    bagLot: 'BAG-2026-1120',
    startedAt: STARTED,
    ...overrides,
  });

  it('refuses a start entered days late without a reason, and one in the future, writing nothing', async () => {
    const late = await t.as('phlebotomist').post('/api/v1/donations').send(startBody()).expect(422);
    expect(late.body.code).toBe('COLLECTION.LATE_ENTRY_REASON_REQUIRED');
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const future = await t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .send(startBody({ startedAt: inAnHour }))
      .expect(422);
    expect(future.body.code).toBe('COLLECTION.BUSINESS_TIME_IN_FUTURE');
    expect(await events(`Donation-${DIN}`)).toEqual([]);
  });

  it('records start and completion at their business times, as late entries with the reason', async () => {
    await t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .send(startBody({ lateEntryReason: REASON }))
      .expect(201);
    const before = await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${DIN}/completion`)
      .send({ volumeMl: 398, endedAt: '2026-11-20T07:59:00.000Z', lateEntryReason: REASON })
      .expect(422);
    expect(before.body.code).toBe('COLLECTION.INVALID_TIMES');
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${DIN}/completion`)
      .send({ volumeMl: 398, endedAt: ENDED, lateEntryReason: REASON })
      .expect(200);

    const [started, completed] = await events(`Donation-${DIN}`);
    expect(started).toMatchObject({
      type: 'DonationStarted',
      occurredAt: STARTED,
      data: { startedAt: STARTED },
    });
    expect(completed).toMatchObject({
      type: 'DonationCompleted',
      occurredAt: ENDED,
      data: { startedAt: STARTED, endedAt: ENDED },
    });
    expect(started!.data.lateEntry).toEqual({
      reason: REASON,
      delayMinutes: Math.floor((Date.parse(started!.recordedAt) - Date.parse(STARTED)) / 60_000),
    });
    expect(Date.parse(started!.recordedAt)).toBeGreaterThan(Date.parse(STARTED) + 24 * 3_600_000);
  });

  it('tests after receipt and concludes after the results, at the stated times', async () => {
    await t
      .as('laboratory')
      .post(lab('sample-receipts'))
      .send({
        labSiteId: 'BC-1',
        labType: 'CENTRAL_LAB',
        transportMinutes: 180,
        condition: 'ACCEPTABLE',
        receivedAt: RECEIVED,
        lateEntryReason: REASON,
      })
      .expect(201);
    const early = await t
      .as('laboratory')
      .post(lab('marker-results'))
      .send({ ...elisa('HIV', 'Wantai'), testedAt: '2026-11-20T11:00:00.000Z' })
      .expect(422);
    expect(early.body.code).toBe('LAB.BUSINESS_TIMES_OUT_OF_ORDER');
    const unexplained = await t
      .as('laboratory')
      .post(lab('marker-results'))
      .send({ ...elisa('HIV', 'Wantai'), lateEntryReason: undefined })
      .expect(422);
    expect(unexplained.body.code).toBe('LAB.LATE_ENTRY_REASON_REQUIRED');

    const groupBody = {
      forward: 'B',
      reverse: 'B',
      rhd: 'POS',
      method: 'MICROPLATE',
      reagentLot: 'ABO-1',
      determinedAt: TESTED,
      lateEntryReason: REASON,
    };
    await t.as('laboratory').post(lab('blood-group-determinations')).send(groupBody).expect(201);
    await t.as('laboratory').post(lab('blood-group-determinations')).send(groupBody).expect(201);
    await t
      .as('laboratory')
      .post(lab('antibody-screens'))
      .send({
        result: 'NEGATIVE',
        method: 'MICROPLATE',
        reagentLot: 'SCR-1',
        testedAt: TESTED,
        lateEntryReason: REASON,
      })
      .expect(201);
    for (const marker of ['HIV', 'HBV', 'HCV']) {
      await t.as('laboratory').post(lab('marker-results')).send(elisa(marker, 'Wantai')).expect(201);
      await t.as('laboratory').post(lab('marker-results')).send(elisa(marker, 'Kehua')).expect(201);
    }
    await t.as('laboratory').post(lab('marker-results')).send(elisa('SYPHILIS', 'Wantai')).expect(201);
    await t
      .as('laboratory')
      .post(lab('marker-results'))
      .send({
        marker: 'ALT',
        method: 'ENZYMATIC',
        reagent: { manufacturer: 'Mindray', lot: 'ALT-L1' },
        value: 22,
        testedAt: TESTED,
        lateEntryReason: REASON,
      })
      .expect(201);

    const tooEarly = await t
      .as('laboratory')
      .post(lab('conclusion'))
      .send({ concludedAt: '2026-11-21T08:00:00.000Z', lateEntryReason: REASON })
      .expect(422);
    expect(tooEarly.body.code).toBe('LAB.BUSINESS_TIMES_OUT_OF_ORDER');
    const concluded = await t
      .as('laboratory')
      .post(lab('conclusion'))
      .send({ concludedAt: CONCLUDED, lateEntryReason: REASON })
      .expect(201);
    expect(concluded.body.recorded).toEqual(['DonationQualified']);

    const testing = await events(`DonationTesting-${DIN}`);
    expect(testing[0]).toMatchObject({
      type: 'SampleReceived',
      occurredAt: RECEIVED,
      data: { receivedAt: RECEIVED },
    });
    expect(testing.at(-1)).toMatchObject({
      type: 'DonationQualified',
      occurredAt: CONCLUDED,
      data: { qualifiedAt: CONCLUDED, testedAt: TESTED, lateEntry: { reason: REASON } },
    });
  });

  it('shows the late entries as such in the donation trace', async () => {
    const trace = await t.as('quality-auditor').get(`/api/v1/trace/donations/${DIN}`).expect(200);
    const traced = trace.body.events as {
      type: string;
      occurredAt: string;
      lateEntry?: { reason: string };
    }[];
    const started = traced.find((e) => e.type === 'DonationStarted');
    expect(started).toMatchObject({ occurredAt: STARTED, lateEntry: { reason: REASON } });
    const qualified = traced.find((e) => e.type === 'DonationQualified');
    expect(qualified).toMatchObject({ occurredAt: CONCLUDED, lateEntry: { reason: REASON } });
  });
});

describe('a shipment entered after the fact keeps its dispatch and receipt times (HTTP)', () => {
  let t: TestApp;
  const din = 'B999926700001';
  const unitId = `${din}-E0398V00`;
  const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
  const DISPATCHED = minute(Date.now() - 30 * 3_600_000);
  const RECEIVED_AT_HOSPITAL = minute(Date.now() - 28 * 3_600_000);
  const LATE = 'Courier run logged on paper during the network outage';
  let shipmentId = '';

  beforeAll(async () => {
    t = await startTestApp();
    await registerSites(t.as('admin'), [bloodCenter('BC-1'), hospital('HOSP-1')]);
    await donationCompleted(t, din);
    await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-1' })
      .expect(201);
    await donationQualified(t, din, { abo: 'A', rhd: 'POS' });
    await eventually(async () => {
      const unit = await t.as('components').get(`/api/v1/components/units/${unitId}`).expect(200);
      expect(unit.body.status).toBe('Released');
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('dispatches and receives at the stated times; receipt before dispatch and unexplained late entries are refused', async () => {
    const created = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' })
      .expect(201);
    shipmentId = created.body.shipmentId as string;
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
      .send({ unitId })
      .expect(201);
    const dispatch = (body: object) =>
      t
        .as('distribution')
        .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
        .send({ carrier: 'Cold courier', coolerId: 'BOX-1', temperatureC: 4, ...body });
    expect((await dispatch({ dispatchedAt: DISPATCHED }).expect(422)).body.code).toBe(
      'DIST.LATE_ENTRY_REASON_REQUIRED',
    );
    await dispatch({ dispatchedAt: DISPATCHED, lateEntryReason: LATE }).expect(200);

    const receive = (body: object) =>
      t
        .as('hospital')
        .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
        .send({ condition: 'INTACT', temperatureC: 5, units: [{ unitId, accepted: true }], ...body });
    const beforeDispatch = await receive({
      receivedAt: minute(Date.parse(DISPATCHED) - 60_000),
      lateEntryReason: LATE,
    }).expect(422);
    expect(beforeDispatch.body.code).toBe('DIST.BUSINESS_TIMES_OUT_OF_ORDER');
    await receive({ receivedAt: RECEIVED_AT_HOSPITAL, lateEntryReason: LATE }).expect(200);

    const stored = await t
      .as('quality-auditor')
      .get(`/api/v1/streams/Shipment-${shipmentId}/events`)
      .expect(200);
    const byType = (type: string) => (stored.body.events as StoredEvent[]).find((e) => e.type === type)!;
    expect(byType('ShipmentDispatched')).toMatchObject({
      occurredAt: DISPATCHED,
      data: { dispatchedAt: DISPATCHED, lateEntry: { reason: LATE } },
    });
    expect(byType('ShipmentReceived')).toMatchObject({
      occurredAt: RECEIVED_AT_HOSPITAL,
      data: { receivedAt: RECEIVED_AT_HOSPITAL, lateEntry: { reason: LATE } },
    });
  });

  it('counts the return limit from the business time of receipt: back 23 h after it arrived is restocked', async () => {
    const returnedAt = new Date(Date.parse(RECEIVED_AT_HOSPITAL) + 23 * 3_600_000).toISOString();
    const returned = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/returns`)
      .send({ unitId, temperatureC: 5, returnedAt })
      .expect(201);
    expect(returned.body).toMatchObject({ disposition: 'RESTOCKED', hoursSinceReceipt: 23, returnedAt });
  });
});

describe('the transfers report counts out at dispatch, in at receipt, and in transit as such (HTTP)', () => {
  let t: TestApp;
  const din = 'B999926700002';
  const unitId = `${din}-E0398V00`;
  const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
  const DISPATCHED = minute(Date.now() - 50 * 3_600_000);
  const RECEIVED = minute(Date.now() - 40 * 3_600_000);
  const LATE = 'Transfer book entered after the network outage';
  const around = (at: string) =>
    `from=${encodeURIComponent(minute(Date.parse(at) - 60_000))}&to=${encodeURIComponent(minute(Date.parse(at) + 60_000))}`;
  const zero = { shipments: 0, redCellUnits: 0, plateletDoses: 0 };
  const one = { shipments: 1, redCellUnits: 2, plateletDoses: 0 };

  beforeAll(async () => {
    t = await startTestApp({ users: { 'distribution-2': { role: 'distribution', siteId: 'BC-2' } } });
    await registerSites(t.as('admin'), [bloodCenter('BC-1'), bloodCenter('BC-2')]);
    await donationCompleted(t, din);
    await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-1' })
      .expect(201);
    await donationQualified(t, din, { abo: 'O', rhd: 'POS' });
    await eventually(async () => {
      const unit = await t.as('components').get(`/api/v1/components/units/${unitId}`).expect(200);
      expect(unit.body.status).toBe('Released');
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const report = async (who: string, at: string) =>
    (
      await t
        .as(who)
        .get(`/api/v1/distribution/reports/transfers?${around(at)}`)
        .expect(200)
    ).body;

  it('shows a transfer as out and in transit from its dispatch, and as in only from its receipt', async () => {
    const created = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'CENTER_TRANSFER', toSiteId: 'BC-2' })
      .expect(201);
    const shipmentId = created.body.shipmentId as string;
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
      .send({ unitId })
      .expect(201);
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
      .send({
        carrier: 'Van',
        coolerId: 'BOX-2',
        temperatureC: 4,
        dispatchedAt: DISPATCHED,
        lateEntryReason: LATE,
      })
      .expect(200);

    expect(await report('distribution', DISPATCHED)).toEqual([
      { partnerSiteId: 'BC-2', out: one, in: zero, inTransit: one },
    ]);
    expect(await report('distribution-2', DISPATCHED)).toEqual([]);

    await t
      .as('distribution-2')
      .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
      .send({
        condition: 'INTACT',
        temperatureC: 5,
        units: [{ unitId, accepted: true }],
        receivedAt: RECEIVED,
        lateEntryReason: LATE,
      })
      .expect(200);

    expect(await report('distribution', DISPATCHED)).toEqual([
      { partnerSiteId: 'BC-2', out: one, in: zero, inTransit: zero },
    ]);
    expect(await report('distribution-2', DISPATCHED)).toEqual([]);
    expect(await report('distribution-2', RECEIVED)).toEqual([
      { partnerSiteId: 'BC-1', out: zero, in: one, inTransit: zero },
    ]);
    expect(await report('distribution', RECEIVED)).toEqual([]);
  });
});

describe('a screening entered after the fact keeps its business time (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('dates the screening and its 24 h validity at the stated time, and a donation inside it is accepted', async () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const screenedAt = new Date(minute - 30 * 3_600_000).toISOString();
    const reason = 'Mobile session screened on paper during a network outage';
    const donor = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Li Na',
        document: { type: 'PASSPORT', number: 'E77000002' },
        birthDate: '1988-09-12',
        sex: 'F',
        contact: {},
      })
      .expect(201);
    const donorId = donor.body.donorId as string;
    const screening = {
      procedure: 'WHOLE_BLOOD',
      measurements: healthyMeasurements,
      answers: noDeferringAnswers,
    };
    const unexplained = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ ...screening, screenedAt })
      .expect(422);
    expect(unexplained.body.code).toBe('DONORS.LATE_ENTRY_REASON_REQUIRED');
    const future = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ ...screening, screenedAt: new Date(minute + 3_600_000).toISOString() })
      .expect(422);
    expect(future.body.code).toBe('DONORS.BUSINESS_TIME_IN_FUTURE');
    const eligible = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ ...screening, screenedAt, lateEntryReason: reason })
      .expect(201);
    const validUntil = new Date(minute - 6 * 3_600_000).toISOString();
    expect(eligible.body).toMatchObject({ outcome: 'ELIGIBLE', validUntil });

    const stream = await t.as('quality-auditor').get(`/api/v1/streams/Donor-${donorId}/events`).expect(200);
    const events = stream.body.events as StoredEvent[];
    expect(events.slice(-2).map((e) => [e.type, e.occurredAt])).toEqual([
      ['DonorScreened', screenedAt],
      ['DonorFoundEligible', screenedAt],
    ]);
    expect(events.at(-2)!.data).toMatchObject({ screenedAt, lateEntry: { reason } });
    expect(events.at(-1)!.data).toMatchObject({ eligibleAt: screenedAt, validUntil });

    const startedAt = new Date(minute - 29 * 3_600_000).toISOString();
    const started = await t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .send({
        din: 'A999926700002',
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: 'BAG-2026-1130',
        startedAt,
        lateEntryReason: reason,
      })
      .expect(201);
    expect(started.body).toMatchObject({ din: 'A999926700002' });
  });
});
