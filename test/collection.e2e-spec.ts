import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import { computeDinCheckCharacter, newId } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';

let seq = 0;
const nextDin = (): string => `A999925${String(++seq).padStart(6, '0')}`;
/** Any check character except the right one. */
const wrongCheck = (din: string): string => (computeDinCheckCharacter(din) === '0' ? '1' : '0');

describe('collection over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const logLength = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.length;

  const register = async (sex = 'M'): Promise<string> => {
    const res = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Chen Jing',
        document: { type: 'PASSPORT', number: `E${String(++seq).padStart(8, '0')}` },
        birthDate: '1992-08-15',
        sex,
        contact: {},
      })
      .expect(201);
    return res.body.donorId as string;
  };

  const screen = async (donorId: string, measurements = healthyMeasurements, procedure = 'WHOLE_BLOOD') =>
    (
      await t
        .as('donor-clinic')
        .post(`/api/v1/donors/${donorId}/screenings`)
        .send({ procedure, measurements, answers: noDeferringAnswers })
        .expect(201)
    ).body as { outcome: string };

  const eligibleDonor = async (procedure = 'WHOLE_BLOOD'): Promise<string> => {
    const donorId = await register();
    expect((await screen(donorId, healthyMeasurements, procedure)).outcome).toBe('ELIGIBLE');
    return donorId;
  };

  const startBody = (din: string, donorId: string, overrides: Record<string, unknown> = {}) => ({
    din,
    donorId,
    procedure: 'WHOLE_BLOOD',
    volumeMl: 400,
    siteId: 'BC-1-BUS-2',
    siteType: 'MOBILE_VEHICLE',
    bagLot: 'BAG-2025-0311',
    ...overrides,
  });

  const start = (body: object, role = 'phlebotomist') => t.as(role).post('/api/v1/donations').send(body);

  it('registers, screens eligible, starts and completes a whole-blood donation', async () => {
    const donorId = await eligibleDonor();
    const din = nextDin();
    const started = await start(
      startBody(`${din}${computeDinCheckCharacter(din)}`, donorId, {
        groupDonation: true,
        startedAt: '2025-03-10T09:00:00Z',
        lateEntryReason: 'Paper record from the mobile vehicle',
      }),
    ).expect(201);
    expect(started.body).toEqual({ din });

    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/sample-tubes`)
      .send({ tubeIds: [`${din}-1`, `${din}-2`] })
      .expect(201);
    const completed = await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({
        volumeMl: 410,
        startedAt: '2025-03-10T09:02:00Z',
        endedAt: '2025-03-10T09:11:00Z',
        lateEntryReason: 'Paper record from the mobile vehicle',
      })
      .expect(200);
    expect(completed.body).toEqual({
      din,
      donorId,
      procedure: 'WHOLE_BLOOD',
      volumeMl: 400,
      startedAt: '2025-03-10T09:02:00.000Z',
      endedAt: '2025-03-10T09:11:00.000Z',
      siteId: 'BC-1-BUS-2',
      siteType: 'MOBILE_VEHICLE',
      bagLot: 'BAG-2025-0311',
      groupDonation: true,
      measuredVolumeMl: 410,
      lateEntry: { reason: 'Paper record from the mobile vehicle', delayMinutes: expect.any(Number) },
    });
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/adverse-reactions`)
      .send({ type: 'VASOVAGAL', severity: 'MILD', notes: 'Dizzy after rising' })
      .expect(201);

    const stream = await t.as('quality-auditor').get(`/api/v1/streams/Donation-${din}/events`).expect(200);
    expect(stream.body.events.map((e: { type: string }) => e.type)).toEqual([
      'DonationStarted',
      'SampleTubesLabelled',
      'DonationCompleted',
      'DonorAdverseReactionRecorded',
    ]);
    expect(stream.body.events[0].actor).toMatchObject({ userId: 'user-phlebotomist', role: 'phlebotomist' });
    expect(stream.body.events[0].data.operatorId).toBe('user-phlebotomist');

    const donation = await t.as('quality-auditor').get(`/api/v1/donations/${din}`).expect(200);
    expect(donation.body).toMatchObject({
      status: 'COMPLETED',
      volumeMl: 400,
      sampleTubeIds: [`${din}-1`, `${din}-2`],
      adverseReactions: [{ reactionType: 'VASOVAGAL', severity: 'MILD' }],
    });
    const byDonor = await t.as('donor-clinic').get(`/api/v1/donations?donorId=${donorId}`).expect(200);
    expect(byDonor.body.items.map((d: { din: string }) => d.din)).toEqual([din]);

    const profile = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
    expect(profile.body.history).toMatchObject({
      wholeBloodDonations: 1,
      apheresisProcedures: 0,
      totalVolumeMl: 400,
    });
    expect(profile.body.recognition).toMatchObject({ donations: 1, tier: null, next: { code: 'BRONZE' } });

    const again = await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 400, endedAt: '2025-03-10T09:12:00Z' })
      .expect(422);
    expect(again.body.code).toBe('COLLECTION.DONATION_NOT_IN_PROGRESS');
  });

  it('keeps a whole-blood donor away for 6 months: eligibility names the interval and the start is refused', async () => {
    const donorId = await eligibleDonor();
    const din = nextDin();
    await start(startBody(din, donorId)).expect(201);
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 400, endedAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(200);
    const eligibility = await t
      .as('phlebotomist')
      .get(`/api/v1/donors/${donorId}/eligibility?procedure=WHOLE_BLOOD`)
      .expect(200);
    expect(eligibility.body).toMatchObject({
      eligible: false,
      reasons: [{ code: 'DONATION_INTERVAL_NOT_RESPECTED' }],
    });
    const before = await logLength();
    const refused = await start(startBody(nextDin(), donorId)).expect(422);
    expect(refused.body.code).toBe('COLLECTION.DONOR_NOT_ELIGIBLE');
    expect(refused.body.details.reasons.map((r: { code: string }) => r.code)).toContain(
      'DONATION_INTERVAL_NOT_RESPECTED',
    );
    expect(await logLength()).toBe(before);
  });

  it.each([
    ['too light', { ...healthyMeasurements, weightKg: 42 }, 'WEIGHT_BELOW_MINIMUM'],
    ['low haemoglobin', { ...healthyMeasurements, hemoglobinGPerL: 105 }, 'HEMOGLOBIN_BELOW_MINIMUM'],
  ])(
    'refuses to start for a donor deferred as %s, and writes nothing',
    async (_label, measurements, code) => {
      const donorId = await register('F');
      expect((await screen(donorId, measurements)).outcome).toBe('DEFERRED');
      const din = nextDin();
      const before = await logLength();
      const res = await start(startBody(din, donorId)).expect(422);
      expect(res.body.code).toBe('COLLECTION.DONOR_NOT_ELIGIBLE');
      expect(res.body.details.reasons).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'DONOR_DEFERRED', detail: code })]),
      );
      expect(await logLength()).toBe(before);
      await t.as('quality-auditor').get(`/api/v1/streams/Donation-${din}/events`).expect(404);
    },
  );

  it('refuses a donor deferred by the clinic after an eligible screening', async () => {
    const donorId = await eligibleDonor();
    await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/deferrals`)
      .send({ kind: 'PERMANENT', reasons: [{ code: 'PHYSICIAN_DECISION' }] })
      .expect(201);
    const res = await start(startBody(nextDin(), donorId)).expect(422);
    expect(res.body.details.reasons).toEqual([
      { code: 'DONOR_DEFERRED', kind: 'PERMANENT', detail: 'PHYSICIAN_DECISION' },
    ]);
  });

  it('refuses a donor who was never screened, or screened for another procedure', async () => {
    const unscreened = await register();
    const res = await start(startBody(nextDin(), unscreened)).expect(422);
    expect(res.body.details.reasons).toEqual([expect.objectContaining({ code: 'NO_VALID_SCREENING' })]);
    const plateletsOnly = await eligibleDonor('APHERESIS_PLATELETS');
    const other = await start(startBody(nextDin(), plateletsOnly)).expect(422);
    expect(other.body.details.reasons.map((r: { code: string }) => r.code)).toEqual(['NO_VALID_SCREENING']);
  });

  it('refuses a DIN with a wrong check character or a bad shape with 400, writing nothing', async () => {
    const donorId = await eligibleDonor();
    const din = nextDin();
    const before = await logLength();
    const wrong = await start(startBody(`${din}${wrongCheck(din)}`, donorId)).expect(400);
    expect(wrong.body.code).toBe('ISBT.DIN_CHECK_CHARACTER_MISMATCH');
    const malformed = await start(startBody('O99992500000', donorId)).expect(400);
    expect(malformed.body.code).toBe('ISBT.INVALID_DIN');
    expect(await logLength()).toBe(before);
  });

  it('refuses a DIN already used, with 409', async () => {
    const first = await eligibleDonor();
    const second = await eligibleDonor();
    const din = nextDin();
    await start(startBody(din, first)).expect(201);
    const res = await start(startBody(din, second)).expect(409);
    expect(res.body.code).toBe('COLLECTION.DIN_ALREADY_USED');
  });

  it('says 404 for an unknown donor or donation', async () => {
    const din = nextDin();
    expect((await start(startBody(din, newId())).expect(404)).body.code).toBe('DONORS.DONOR_NOT_FOUND');
    await t.as('quality-auditor').get(`/api/v1/streams/Donation-${din}/events`).expect(404);
    expect((await t.as('quality-auditor').get(`/api/v1/donations/${din}`).expect(404)).body.code).toBe(
      'COLLECTION.DONATION_NOT_FOUND',
    );
    const abort = await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/abort`)
      .send({ reason: 'x', partialVolumeMl: 0 })
      .expect(404);
    expect(abort.body.code).toBe('COLLECTION.DONATION_NOT_FOUND');
  });

  it('checks the procedure parameters against the profile', async () => {
    const donorId = await eligibleDonor();
    const res = await start(startBody(nextDin(), donorId, { volumeMl: 250 })).expect(422);
    expect(res.body.code).toBe('COLLECTION.INVALID_PROCEDURE_PARAMETERS');
    const bad = await start(startBody(nextDin(), donorId, { volumeMl: '400', siteType: 'TENT' })).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['volumeMl', 'siteType']),
    );
  });

  it('collects apheresis platelets and counts the procedure in the donor history', async () => {
    const donorId = await eligibleDonor('APHERESIS_PLATELETS');
    const din = nextDin();
    await start(
      startBody(din, donorId, {
        procedure: 'APHERESIS_PLATELETS',
        volumeMl: undefined,
        plateletDoses: 2,
        siteType: 'FIXED_SITE',
        startedAt: new Date(Date.now() - 90 * 60_000).toISOString(),
      }),
    ).expect(201);
    const done = await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 250, plateletDoses: 2, endedAt: new Date(Date.now() - 10 * 60_000).toISOString() })
      .expect(200);
    expect(done.body).toMatchObject({ procedure: 'APHERESIS_PLATELETS', volumeMl: 250, plateletDoses: 2 });
    const profile = await t.as('quality-auditor').get(`/api/v1/donors/${donorId}`).expect(200);
    expect(profile.body.history).toMatchObject({
      apheresisProcedures: 1,
      plateletDoses: 2,
      totalVolumeMl: 250,
    });
  });

  it('aborts a donation with a reason and partial volume, which does not count as a donation', async () => {
    const donorId = await eligibleDonor();
    const din = nextDin();
    await start(startBody(din, donorId)).expect(201);
    const short = await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 150, endedAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(422);
    expect(short.body.code).toBe('COLLECTION.VOLUME_OUT_OF_TOLERANCE');
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/abort`)
      .send({ reason: 'Vein collapsed', partialVolumeMl: 150 })
      .expect(200);
    const donation = await t.as('quality-auditor').get(`/api/v1/donations/${din}`).expect(200);
    expect(donation.body).toMatchObject({
      status: 'ABORTED',
      abort: { reason: 'Vein collapsed', partialVolumeMl: 150 },
    });
    const profile = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
    expect(profile.body.history.wholeBloodDonations).toBe(0);
  });

  it('lets only phlebotomists collect; auditors read but write nothing', async () => {
    const donorId = await eligibleDonor();
    const din = nextDin();
    for (const role of ['donor-clinic', 'quality-auditor', 'laboratory']) {
      expect((await start(startBody(din, donorId), role).expect(403)).body.code).toBe(
        'AUTH.ROLE_NOT_ALLOWED',
      );
    }
    await t.as('quality-auditor').get(`/api/v1/streams/Donation-${din}/events`).expect(404);
    await start(startBody(din, donorId)).expect(201);
    await t
      .as('quality-auditor')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 400, endedAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(403);
    await t.as('hospital').get(`/api/v1/donations/${din}`).expect(403);
    await t.as('quality-auditor').get(`/api/v1/donations/${din}`).expect(200);
  });
});
