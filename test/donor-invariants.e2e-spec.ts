import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import { donationCompleted, donationQualified } from './fixtures/donation-facts.fixtures';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';

const REASON = 'Entered from the session log';

describe('donor invariants decided on the donor register (HTTP)', () => {
  let t: TestApp;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const eligibleDonor = async (): Promise<string> => {
    const registered = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Li Na',
        document: { type: 'PASSPORT', number: `E880${String(++seq).padStart(5, '0')}` },
        birthDate: '1991-02-03',
        sex: 'F',
        contact: {},
      })
      .expect(201);
    const donorId = registered.body.donorId as string;
    await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(201);
    return donorId;
  };

  const start = (din: string, donorId: string, extra: object = {}) =>
    t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .send({
        din,
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: 'BAG-1',
        ...extra,
      });

  const donationExists = async (din: string) =>
    (await t.as('quality-auditor').get(`/api/v1/streams/Donation-${din}/events`)).status === 200;

  it('gives exactly one donation for two simultaneous starts of one donor', async () => {
    const donorId = await eligibleDonor();
    const dins = ['A999926900001', 'A999926900002'];
    const replies = await Promise.all(dins.map((din) => start(din, donorId)));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = replies.find((r) => r.status === 409)!;
    expect(['COLLECTION.DONATION_IN_PROGRESS', 'STORE.CONCURRENCY_CONFLICT']).toContain(refused.body.code);
    const exist = await Promise.all(dins.map(donationExists));
    expect(exist.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a second donation while the first is in progress, and allows it once that one is aborted', async () => {
    const donorId = await eligibleDonor();
    await start('A999926900003', donorId).expect(201);
    const second = await start('A999926900004', donorId).expect(409);
    expect(second.body).toMatchObject({
      code: 'COLLECTION.DONATION_IN_PROGRESS',
      details: { din: 'A999926900003' },
    });
    expect(await donationExists('A999926900004')).toBe(false);
    await t
      .as('phlebotomist')
      .post('/api/v1/donations/A999926900003/abort')
      .send({ reason: 'Vein collapsed', partialVolumeMl: 40 })
      .expect(200);
    await start('A999926900004', donorId).expect(201);
  });

  it('counts the whole-blood interval from the business time the last donation ended', async () => {
    const donorId = await eligibleDonor();
    await start('A999926900005', donorId, {
      startedAt: '2026-05-02T08:00:00.000Z',
      lateEntryReason: REASON,
    }).expect(201);
    await t
      .as('phlebotomist')
      .post('/api/v1/donations/A999926900005/completion')
      .send({ volumeMl: 400, endedAt: '2026-05-02T08:09:00.000Z', lateEntryReason: REASON })
      .expect(200);
    const early = await start('A999926900006', donorId, {
      startedAt: '2026-11-02T08:08:00.000Z',
      lateEntryReason: REASON,
    }).expect(422);
    expect(early.body.code).toBe('COLLECTION.DONOR_NOT_ELIGIBLE');
    expect(early.body.details.reasons).toEqual([
      expect.objectContaining({ code: 'DONATION_INTERVAL_NOT_RESPECTED', until: '2026-11-02T08:09:00.000Z' }),
    ]);
    expect(await donationExists('A999926900006')).toBe(false);
    await start('A999926900006', donorId, {
      startedAt: '2026-11-02T08:10:00.000Z',
      lateEntryReason: REASON,
    }).expect(201);
  });

  describe('one DIN register for donations and pools', () => {
    const platelets = ['B999926900011', 'B999926900012'];

    beforeAll(async () => {
      for (const din of platelets) {
        await donationCompleted(t, din);
        await t
          .as('components')
          .post('/api/v1/components/units')
          .send({ din, descriptionCode: 'E3700', volumeMl: 50, equipmentId: 'CENTRIFUGE-1' })
          .expect(201);
        await donationQualified(t, din);
      }
      await eventually(async () => {
        for (const din of platelets) {
          const unit = await t.as('components').get(`/api/v1/components/units/${din}-E3700V00`).expect(200);
          expect(unit.body.status).toBe('Released');
        }
      });
    });

    const pool = (poolDin: string) =>
      t
        .as('components')
        .post('/api/v1/components/pools')
        .send({ unitIds: platelets.map((d) => `${d}-E3700V00`), poolDin, equipmentId: 'DOCK-1' });

    it('refuses a pool under a DIN a donation already holds', async () => {
      const donorId = await eligibleDonor();
      await start('A999926900020', donorId).expect(201);
      const refused = await pool('A999926900020').expect(409);
      expect(refused.body).toMatchObject({
        code: 'COLLECTION.DIN_ALREADY_ASSIGNED',
        details: { din: 'A999926900020', assignedTo: 'DONATION' },
      });
      /* A donation recorded before the register existed holds its DIN through its own stream. */
      await donationCompleted(t, 'B999926900013');
      const legacy = await pool('B999926900013').expect(409);
      expect(legacy.body.details).toEqual({ din: 'B999926900013', assignedTo: 'DONATION' });
    });

    it('refuses a donation under a DIN a pool already holds, writing nothing', async () => {
      await pool('A999926900021').expect(201);
      const donorId = await eligibleDonor();
      const refused = await start('A999926900021', donorId).expect(409);
      expect(refused.body).toMatchObject({
        code: 'COLLECTION.DIN_ALREADY_ASSIGNED',
        details: { din: 'A999926900021', assignedTo: 'POOL' },
      });
      expect(await donationExists('A999926900021')).toBe(false);
      await start('A999926900022', donorId).expect(201);
    });
  });

  describe('a 15-character entry is a DIN plus ISBT 128 flags', () => {
    it('keeps valid flags on the donation and refuses reserved or wrong check-value flags, writing nothing', async () => {
      const donorId = await eligibleDonor();
      const reserved = await start('A99992690003014', donorId).expect(400);
      expect(reserved.body.code).toBe('ISBT.INVALID_DIN_FLAGS');
      const wrongCheck = await start('A99992690003096', donorId).expect(400);
      expect(wrongCheck.body.code).toBe('ISBT.INVALID_DIN_FLAGS');
      expect(await donationExists('A999926900030')).toBe(false);

      await start('A99992690003001', donorId).expect(201);
      const donation = await t.as('quality-auditor').get('/api/v1/donations/A999926900030').expect(200);
      expect(donation.body.dinFlags).toEqual({ code: '01', type: 'ICCBBA', meaning: 'Container 1 of a set' });
      const [started] = (
        await t.as('quality-auditor').get('/api/v1/streams/Donation-A999926900030/events').expect(200)
      ).body.events;
      expect(started.data.dinFlags).toEqual({ code: '01', type: 'ICCBBA', meaning: 'Container 1 of a set' });
    });
  });

  describe('the components of one whole-blood donation', () => {
    const prepare = (din: string, descriptionCode: string, volumeMl: number) =>
      t
        .as('components')
        .post('/api/v1/components/units')
        .send({ din, descriptionCode, volumeMl, equipmentId: 'CENTRIFUGE-1' });

    it('gives one unit per family; cryoprecipitate is a child of the plasma unit', async () => {
      const din = 'B999926900040';
      await donationCompleted(t, din);
      const early = await prepare(din, 'E3580', 25).expect(422);
      expect(early.body.code).toBe('COMP.CRYO_NEEDS_PLASMA_UNIT');
      await prepare(din, 'E0398', 280).expect(201);
      await prepare(din, 'E2620', 220).expect(201);
      const second = await prepare(din, 'E2730', 220).expect(409);
      expect(second.body).toMatchObject({
        code: 'COMP.COMPONENT_FAMILY_ALREADY_PREPARED',
        details: { family: 'PLASMA', unitId: `${din}-E2620V00` },
      });
      const events = async (unitId: string) =>
        (await t.as('quality-auditor').get(`/api/v1/streams/Unit-${unitId}/events`)).body.events ?? [];
      expect(await events(`${din}-E2730V00`)).toEqual([]);
      const cryo = await prepare(din, 'E3580', 25).expect(201);
      expect(cryo.body.parentUnitIds).toEqual([`${din}-E2620V00`]);
      const again = await prepare(din, 'E0001', 400).expect(409);
      expect(again.body.details.family).toBe('RED_CELLS');
    });
  });
});
