import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

const QUALIFIED_DIN = 'A999926000101';
const REJECTED_DIN = 'A999926000102';
const INCOMPLETE_DIN = 'A999926000103';
const HELD_DIN = 'A999926000104';
const UNKNOWN_DIN = 'A999926000999';
const REPLY_DIN = 'A999926000105';
const DONOR = 'donor-lab-e2e-1';
const OTHER_DONOR = 'donor-lab-e2e-2';

const lab = (din: string, step: string) => `/api/v1/laboratory/donations/${din}/${step}`;

const elisa = (marker: string, manufacturer: string, interpretation = 'NON_REACTIVE') => ({
  marker,
  method: 'ELISA',
  reagent: { manufacturer, lot: `${manufacturer.toUpperCase()}-${marker}-L1` },
  instrument: 'FAME-24/20',
  value: interpretation === 'NON_REACTIVE' ? 0.18 : 4.2,
  interpretation,
});

describe('laboratory testing through HTTP', () => {
  let t: TestApp;

  const streamVersion = async (din: string): Promise<number> => {
    const res = await t.as('quality-auditor').get(`/api/v1/streams/DonationTesting-${din}/events`);
    return res.status === 404 ? 0 : (res.body.version as number);
  };

  const streamTypes = async (din: string): Promise<string[]> => {
    const res = await t
      .as('quality-auditor')
      .get(`/api/v1/streams/DonationTesting-${din}/events`)
      .expect(200);
    return (res.body.events as { type: string }[]).map((e) => e.type);
  };

  /**
   * Fixture: the collection context's DonationCompleted (its stored contract), appended straight to
   * the store so these tests exercise the laboratory alone; the cross-context journey starts at collection.
   */
  const collected = async (din: string, donorId: string) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append({
      streamId: `Donation-${din}`,
      events: [
        {
          type: 'DonationCompleted',
          data: {
            din,
            donorId,
            procedure: 'WHOLE_BLOOD',
            volumeMl: 400,
            startedAt: '2026-03-01T08:00:00.000Z',
            endedAt: '2026-03-01T08:09:00.000Z',
            siteId: 'BC-1',
            siteType: 'FIXED_SITE',
            bagLot: 'BAG-L1',
          },
        },
      ],
      expectedVersion: 'any',
      metadata: {
        actor: { userId: 'user-phlebotomist', role: 'phlebotomist', siteId: 'BC-1' },
        correlationId: `fixture-${din}`,
        occurredAt: '2026-03-01T08:09:00.000Z',
      },
    });
    const runner = t.app.get(ProjectionRunner);
    runner.poke();
    await eventually(async () => {
      await t.as('laboratory').get(`/api/v1/laboratory/donations/${din}`).expect(200);
    });
  };

  const receive = (din: string) =>
    t
      .as('laboratory')
      .post(lab(din, 'sample-receipts'))
      .send({ labSiteId: 'BC-1', labType: 'CENTRAL_LAB', transportMinutes: 95, condition: 'ACCEPTABLE' });

  const determine = (din: string, forward: string, reverse: string, rhd: string) =>
    t
      .as('laboratory')
      .post(lab(din, 'blood-group-determinations'))
      .send({ forward, reverse, rhd, method: 'MICROPLATE', reagentLot: 'ABO-2026-031' });

  const marker = (din: string, body: object) =>
    t.as('laboratory').post(lab(din, 'marker-results')).send(body);

  const screenEverythingButHiv = async (din: string) => {
    for (const m of ['HBV', 'HCV']) {
      await marker(din, elisa(m, 'Wantai')).expect(201);
      await marker(din, elisa(m, 'Kehua')).expect(201);
    }
    await marker(din, elisa('SYPHILIS', 'Wantai')).expect(201);
    await marker(din, {
      marker: 'ALT',
      method: 'ENZYMATIC',
      reagent: { manufacturer: 'Mindray', lot: 'ALT-L1' },
      value: 22,
    }).expect(201);
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [din, donor] of [
      [QUALIFIED_DIN, DONOR],
      [REJECTED_DIN, DONOR],
      [INCOMPLETE_DIN, OTHER_DONOR],
      [HELD_DIN, OTHER_DONOR],
      [REPLY_DIN, OTHER_DONOR],
    ]) {
      await collected(din, donor);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('puts a collected donation on the worklist as waiting for its sample', async () => {
    const res = await t.as('laboratory').get('/api/v1/laboratory/worklist').expect(200);
    const item = res.body.items.find((i: { din: string }) => i.din === QUALIFIED_DIN);
    expect(item).toMatchObject({ status: 'AWAITING_SAMPLE', donorId: DONOR });
    expect(item.missing.map((m: { test: string }) => m.test)).toEqual(
      expect.arrayContaining(['SAMPLE', 'HIV', 'ALT', 'ABO_RHD', 'ANTIBODY_SCREEN']),
    );
  });

  it('qualifies a donation tested to CN 2019 and carries group and phenotype', async () => {
    const received = await receive(QUALIFIED_DIN).expect(201);
    expect(received.body).toMatchObject({ recorded: ['SampleReceived'], testing: { status: 'IN_TESTING' } });

    expect((await determine(QUALIFIED_DIN, 'AB', 'AB', 'POS').expect(201)).body.recorded).toEqual([
      'BloodGroupDetermined',
    ]);
    expect((await determine(QUALIFIED_DIN, 'AB', 'AB', 'POS').expect(201)).body.recorded).toEqual([
      'BloodGroupDetermined',
      'BloodGroupConfirmed',
    ]);
    await t
      .as('laboratory')
      .post(lab(QUALIFIED_DIN, 'antibody-screens'))
      .send({ result: 'NEGATIVE', method: 'MICROPLATE', reagentLot: 'SCR-2026-007' })
      .expect(201);
    await t
      .as('laboratory')
      .post(lab(QUALIFIED_DIN, 'phenotypes'))
      .send({ phenotype: 'E-,Fy(a-),c+', method: 'GEL_CARD', reagentLot: 'PHE-2026-002' })
      .expect(201);
    await marker(QUALIFIED_DIN, elisa('HIV', 'Wantai')).expect(201);
    const worklist = await t
      .as('laboratory')
      .get('/api/v1/laboratory/worklist?status=IN_TESTING')
      .expect(200);
    const open = worklist.body.items.find((i: { din: string }) => i.din === QUALIFIED_DIN);
    expect(open.missing.map((m: { test: string }) => m.test)).toEqual([
      'HIV',
      'HBV',
      'HCV',
      'SYPHILIS',
      'ALT',
    ]);

    await marker(QUALIFIED_DIN, elisa('HIV', 'Kehua')).expect(201);
    await screenEverythingButHiv(QUALIFIED_DIN);

    const concluded = await t.as('laboratory').post(lab(QUALIFIED_DIN, 'conclusion')).expect(201);
    expect(concluded.body.recorded).toEqual(['DonationQualified']);
    expect(concluded.body.testing).toMatchObject({ status: 'QUALIFIED', missing: [] });

    const events = await t
      .as('quality-auditor')
      .get(`/api/v1/streams/DonationTesting-${QUALIFIED_DIN}/events`)
      .expect(200);
    const qualified = events.body.events.find((e: { type: string }) => e.type === 'DonationQualified');
    expect(qualified.data).toMatchObject({
      din: QUALIFIED_DIN,
      donorId: DONOR,
      bloodGroup: { abo: 'AB', rhd: 'POS' },
      phenotype: { E: 'NEG', Fya: 'NEG', c: 'POS' },
    });
    expect(qualified.actor).toMatchObject({ userId: 'user-laboratory', role: 'laboratory' });

    const status = await t
      .as('quality-auditor')
      .get(`/api/v1/laboratory/donations/${QUALIFIED_DIN}`)
      .expect(200);
    const hiv = status.body.markers.find((m: { marker: string }) => m.marker === 'HIV');
    expect(hiv).toMatchObject({ status: 'NON_REACTIVE', mandatory: true });
    expect(hiv.results.map((r: { reagent: { lot: string } }) => r.reagent.lot)).toEqual([
      'WANTAI-HIV-L1',
      'KEHUA-HIV-L1',
    ]);
  });

  it('finds every donation a reagent lot was used on', async () => {
    const res = await t
      .as('quality-auditor')
      .get('/api/v1/laboratory/reagent-lots/WANTAI-HIV-L1/donations')
      .expect(200);
    expect(res.body.dins).toEqual([QUALIFIED_DIN]);
    expect(res.body.uses[0]).toMatchObject({
      lot: 'WANTAI-HIV-L1',
      manufacturer: 'Wantai',
      test: 'HIV',
      method: 'ELISA',
    });
  });

  it('rejects a repeat reactive donation naming HIV, and reports the confirmed positive donor', async () => {
    await receive(REJECTED_DIN).expect(201);
    const byHistory = await determine(REJECTED_DIN, 'AB', 'AB', 'POS').expect(201);
    expect(byHistory.body.recorded).toEqual(['BloodGroupDetermined', 'BloodGroupConfirmed']);
    expect(byHistory.body.testing.bloodGroup.confirmed).toEqual({ abo: 'AB', rhd: 'POS' });

    const initial = await marker(REJECTED_DIN, elisa('HIV', 'Wantai', 'REACTIVE')).expect(201);
    const hivStatus = initial.body.testing.markers.find((m: { marker: string }) => m.marker === 'HIV');
    expect(hivStatus).toMatchObject({ status: 'PENDING', need: expect.stringContaining('duplicate retest') });
    await marker(REJECTED_DIN, elisa('HIV', 'Wantai', 'REACTIVE')).expect(201);
    await marker(REJECTED_DIN, elisa('HIV', 'Wantai', 'NON_REACTIVE')).expect(201);
    await marker(REJECTED_DIN, elisa('HIV', 'Kehua')).expect(201);
    await screenEverythingButHiv(REJECTED_DIN);

    const concluded = await t.as('laboratory').post(lab(REJECTED_DIN, 'conclusion')).expect(201);
    expect(concluded.body.recorded).toEqual(['DonationRejected']);
    expect(concluded.body.testing).toMatchObject({
      status: 'REJECTED',
      conclusion: { outcome: 'REJECTED', reactiveMarkers: ['HIV'] },
    });

    const confirmed = await t
      .as('laboratory')
      .post(lab(REJECTED_DIN, 'confirmatory-results'))
      .send({
        marker: 'HIV',
        method: 'WESTERN_BLOT',
        reagent: { manufacturer: 'MP Diagnostics', lot: 'WB-2026-01' },
        result: 'POSITIVE',
      })
      .expect(201);
    expect(confirmed.body.recorded).toEqual(['ConfirmatoryResultRecorded', 'DonorConfirmedPositive']);
    const stream = await t
      .as('quality-auditor')
      .get(`/api/v1/streams/DonationTesting-${REJECTED_DIN}/events`)
      .expect(200);
    expect(stream.body.events.at(-1)).toMatchObject({
      type: 'DonorConfirmedPositive',
      data: { din: REJECTED_DIN, donorId: DONOR, marker: 'HIV' },
    });
  });

  it('refuses to conclude with markers missing, names them and writes nothing', async () => {
    await receive(INCOMPLETE_DIN).expect(201);
    await marker(INCOMPLETE_DIN, elisa('HIV', 'Wantai')).expect(201);
    const before = await streamVersion(INCOMPLETE_DIN);
    const res = await t.as('laboratory').post(lab(INCOMPLETE_DIN, 'conclusion')).expect(422);
    expect(res.body.code).toBe('LAB.TESTING_INCOMPLETE');
    expect(res.body.details.missing).toEqual(['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT']);
    expect(await streamVersion(INCOMPLETE_DIN)).toBe(before);
  });

  it('refuses a second HIV ELISA from the same manufacturer: it would not count as a second kit', async () => {
    const before = await streamVersion(INCOMPLETE_DIN);
    const sameMaker = {
      ...elisa('HIV', 'Wantai'),
      reagent: { manufacturer: ' WANTAI', lot: 'WANTAI-HIV-L2' },
    };
    const res = await marker(INCOMPLETE_DIN, sameMaker).expect(422);
    expect(await streamVersion(INCOMPLETE_DIN)).toBe(before);
    expect(res.body.code).toBe('LAB.KIT_ALREADY_CONCLUDED');
  });

  it('holds a donation with a forward/reverse discrepancy and refuses to qualify it', async () => {
    await receive(HELD_DIN).expect(201);
    const held = await determine(HELD_DIN, 'A', 'O', 'POS').expect(201);
    expect(held.body.recorded).toEqual(['BloodGroupDetermined', 'BloodGroupDiscrepancyFound']);
    expect(held.body.testing.status).toBe('ON_HOLD');
    await t
      .as('laboratory')
      .post(lab(HELD_DIN, 'antibody-screens'))
      .send({ result: 'NEGATIVE', method: 'MICROPLATE', reagentLot: 'SCR-2026-007' })
      .expect(201);
    await marker(HELD_DIN, elisa('HIV', 'Wantai')).expect(201);
    await marker(HELD_DIN, elisa('HIV', 'Kehua')).expect(201);
    await screenEverythingButHiv(HELD_DIN);
    const onHold = await t.as('laboratory').get('/api/v1/laboratory/worklist?status=ON_HOLD').expect(200);
    expect(onHold.body.items.map((i: { din: string }) => i.din)).toEqual([HELD_DIN]);

    const before = await streamVersion(HELD_DIN);
    const res = await t.as('laboratory').post(lab(HELD_DIN, 'conclusion')).expect(422);
    expect(res.body).toMatchObject({ code: 'LAB.BLOOD_GROUP_NOT_CONFIRMED', details: { held: true } });
    expect(await streamVersion(HELD_DIN)).toBe(before);
  });

  it('refuses a second conclusion', async () => {
    const before = await streamVersion(QUALIFIED_DIN);
    const res = await t.as('laboratory').post(lab(QUALIFIED_DIN, 'conclusion')).expect(422);
    expect(res.body.code).toBe('LAB.TESTING_ALREADY_CONCLUDED');
    expect(await streamVersion(QUALIFIED_DIN)).toBe(before);
  });

  it('refuses a correction the caller verifies alone, and writes nothing', async () => {
    const status = await t.as('laboratory').get(`/api/v1/laboratory/donations/${INCOMPLETE_DIN}`).expect(200);
    const resultId = status.body.markers.find((m: { marker: string }) => m.marker === 'HIV').results[0]
      .resultId;
    const before = await streamVersion(INCOMPLETE_DIN);
    const res = await t
      .as('laboratory')
      .post(lab(INCOMPLETE_DIN, 'result-corrections'))
      .send({
        resultId,
        interpretation: 'REACTIVE',
        reason: 'Plate map misread',
        verifierUserId: 'user-laboratory',
      })
      .expect(422);
    expect(res.body.code).toBe('LAB.CORRECTION_NEEDS_SECOND_PERSON');
    expect(await streamVersion(INCOMPLETE_DIN)).toBe(before);
  });

  it('amends a qualified donation to rejected when a verified correction makes ALT reactive', async () => {
    const status = await t.as('laboratory').get(`/api/v1/laboratory/donations/${QUALIFIED_DIN}`).expect(200);
    const alt = status.body.markers.find((m: { marker: string }) => m.marker === 'ALT').results[0];
    const res = await t
      .as('laboratory')
      .post(lab(QUALIFIED_DIN, 'result-corrections'))
      .send({
        resultId: alt.resultId,
        value: 72,
        reason: 'Value keyed from the wrong sample',
        verifierUserId: 'lab-lead-2',
      })
      .expect(201);
    expect(res.body.recorded).toEqual(['ResultCorrected', 'ConclusionAmended', 'DonationRejected']);
    expect(res.body.testing).toMatchObject({ status: 'REJECTED', conclusion: { reactiveMarkers: ['ALT'] } });
    expect((await streamTypes(QUALIFIED_DIN)).filter((type) => type === 'DonationQualified')).toHaveLength(1);
  });

  it('answers 400 with the fields at fault and writes nothing', async () => {
    const before = await streamVersion(INCOMPLETE_DIN);
    const res = await marker(INCOMPLETE_DIN, {
      marker: 'HIV',
      method: 'RAPID_TEST',
      reagent: { manufacturer: 'Wantai' },
      interpretation: 'NON_REACTIVE',
    }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['method', 'reagent.lot']),
    );
    const unknownField = await t.as('laboratory').post(lab(INCOMPLETE_DIN, 'sample-receipts')).send({
      labSiteId: 'BC-1',
      labType: 'CENTRAL_LAB',
      transportMinutes: 95,
      condition: 'ACCEPTABLE',
      temperature: 4,
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors.map((e: { field: string }) => e.field)).toEqual(['temperature']);
    const badDin = await t
      .as('laboratory')
      .post('/api/v1/laboratory/donations/NOT-A-DIN/conclusion')
      .expect(400);
    expect(badDin.body.code).toBe('ISBT.INVALID_DIN');
    expect(await streamVersion(INCOMPLETE_DIN)).toBe(before);
  });

  it('answers 404 for a donation collection never completed, and writes nothing', async () => {
    const post = await receive(UNKNOWN_DIN).expect(404);
    expect(post.body.code).toBe('LAB.DONATION_NOT_FOUND');
    const get = await t.as('quality-auditor').get(`/api/v1/laboratory/donations/${UNKNOWN_DIN}`).expect(404);
    expect(get.body.code).toBe('LAB.DONATION_NOT_FOUND');
    await t.as('quality-auditor').get(`/api/v1/streams/DonationTesting-${UNKNOWN_DIN}/events`).expect(404);
  });

  it('lets only the laboratory write; quality auditors read', async () => {
    const before = await streamVersion(INCOMPLETE_DIN);
    await marker(INCOMPLETE_DIN, elisa('HBV', 'Wantai')).expect(201);
    const denied = await t
      .as('phlebotomist')
      .post(lab(INCOMPLETE_DIN, 'marker-results'))
      .send(elisa('HCV', 'Wantai'))
      .expect(403);
    expect(denied.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await t.as('quality-auditor').post(lab(INCOMPLETE_DIN, 'conclusion')).expect(403);
    await t.as('donor-clinic').get('/api/v1/laboratory/worklist').expect(403);
    await t.as('quality-auditor').get('/api/v1/laboratory/worklist').expect(200);
    expect(await streamVersion(INCOMPLETE_DIN)).toBe(before + 1);
  });

  it('answers each command with the testing status it decided, the one the query then shows', async () => {
    const steps = [
      () => receive(REPLY_DIN),
      () => determine(REPLY_DIN, 'A', 'A', 'POS'),
      () => marker(REPLY_DIN, elisa('HIV', 'Wantai')),
      () => marker(REPLY_DIN, elisa('HBV', 'Kehua', 'REACTIVE')),
      () => determine(REPLY_DIN, 'B', 'B', 'POS'),
    ];
    const statuses: string[] = [];
    for (const step of steps) {
      const reply = await step().expect(201);
      const query = await t.as('laboratory').get(`/api/v1/laboratory/donations/${REPLY_DIN}`).expect(200);
      /* Equal as values: PostgreSQL keeps the read model as jsonb, whose key order is its own. */
      expect(reply.body.testing).toStrictEqual(query.body);
      statuses.push(reply.body.testing.status);
    }
    expect(statuses).toEqual(['IN_TESTING', 'IN_TESTING', 'IN_TESTING', 'IN_TESTING', 'ON_HOLD']);
  });
});
