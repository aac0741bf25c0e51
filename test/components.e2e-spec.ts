import type { Abo, RhD } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import {
  donationCompleted,
  donationQualified,
  donationRejected,
  hoursAgo,
  streamEvents,
} from './fixtures/donation-facts.fixtures';

describe('components: preparation, release, discard and cold chain', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const prepare = (din: string, descriptionCode: string, volumeMl = 200) =>
    t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode, volumeMl, equipmentId: 'CENTRIFUGE-1' });

  it('prepares three quarantined components from a completed donation and releases them when the laboratory qualifies it', async () => {
    const din = 'A999925000001';
    await donationCompleted(t, din);
    const red = await prepare(din, 'E0398', 280).expect(201);
    expect(red.body).toMatchObject({
      unitId: `${din}-E0398V00`,
      status: 'Quarantined',
      productType: 'SUSPENDED_RED_CELLS',
      bloodUnits: 2,
      siteId: 'BC-1',
    });
    await prepare(din, 'E2620', 220).expect(201);
    await prepare(din, 'E3700', 40).expect(201);

    await donationQualified(t, din, { abo: 'A', rhd: 'POS' });

    await eventually(async () => {
      for (const code of ['E0398V00', 'E2620V00', 'E3700V00']) {
        const unit = await t.as('components').get(`/api/v1/components/units/${din}-${code}`).expect(200);
        expect(unit.body).toMatchObject({ status: 'Released', abo: 'A', rhd: 'POS' });
      }
    });
    const events = await streamEvents(t, `Unit-${din}-E0398V00`);
    expect(events.map((e) => e.type)).toEqual(['UnitPrepared', 'UnitQualified', 'UnitReleased']);
    expect((events[2].data as { cause: { type: string } }).cause.type).toBe('DonationQualified');
  });

  it('discards every component of a rejected donation automatically, naming the markers', async () => {
    const din = 'A999925000002';
    await donationCompleted(t, din);
    await prepare(din, 'E0398', 280).expect(201);
    await prepare(din, 'E2620', 220).expect(201);
    await donationRejected(t, din, ['HBV', 'HCV']);
    await eventually(async () => {
      const unit = await t.as('components').get(`/api/v1/components/units/${din}-E2620V00`).expect(200);
      expect(unit.body).toMatchObject({ status: 'Discarded', statusReason: 'DONATION_REJECTED' });
    });
    const events = await streamEvents(t, `Unit-${din}-E0398V00`);
    expect(events.at(-1)).toMatchObject({
      type: 'UnitDiscarded',
      data: { reason: 'DONATION_REJECTED', note: 'HBV,HCV', cause: { type: 'DonationRejected' } },
    });
    const again = await prepare(din, 'E3700', 40).expect(422);
    expect(again.body.code).toBe('COMP.DONATION_REJECTED');
  });

  it('releases at once a component prepared after the donation was qualified', async () => {
    const din = 'A999925000003';
    await donationCompleted(t, din);
    await donationQualified(t, din);
    const res = await prepare(din, 'E0398', 280).expect(201);
    expect(res.body.status).toBe('Released');
  });

  it('refuses fresh frozen plasma prepared after the processing time limit, writing nothing', async () => {
    const din = 'A999925000004';
    await donationCompleted(t, din, { endedAt: hoursAgo(10) });
    const res = await prepare(din, 'E2620', 220).expect(422);
    expect(res.body.code).toBe('COMP.PROCESSING_TIME_LIMIT_EXCEEDED');
    expect(await streamEvents(t, `Unit-${din}-E2620V00`)).toEqual([]);
    await prepare(din, 'E2730', 220).expect(201);
  });

  it('refuses a donation that was never completed, an unknown product and a second preparation', async () => {
    expect((await prepare('A999925000099', 'E0398').expect(422)).body.code).toBe(
      'COMP.DONATION_NOT_COMPLETED',
    );
    const din = 'A999925000005';
    await donationCompleted(t, din);
    expect((await prepare(din, 'E9999').expect(422)).body.code).toBe('COMP.UNKNOWN_PRODUCT');
    expect((await prepare(din, 'E3990').expect(422)).body.code).toBe('COMP.PRODUCT_NOT_FROM_PROCEDURE');
    await prepare(din, 'E0398').expect(201);
    expect((await prepare(din, 'E0398').expect(409)).body.code).toBe('COMP.UNIT_ALREADY_PREPARED');
  });

  it('answers 400 with the field for bad input, 403 for a wrong role and 404 for an unknown unit', async () => {
    const bad = await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din: 'not-a-din', descriptionCode: 'E0398', volumeMl: -1, equipmentId: 'C1' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['din', 'volumeMl']),
    );
    const denied = await t
      .as('laboratory')
      .post('/api/v1/components/units')
      .send({ din: 'A999925000005', descriptionCode: 'E2730', volumeMl: 200, equipmentId: 'C1' })
      .expect(403);
    expect(denied.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    expect(await streamEvents(t, 'Unit-A999925000005-E2730V00')).toEqual([]);
    await t.as('components').get('/api/v1/components/units/A999925000005-E0610V00').expect(404);
    await t
      .as('components')
      .post('/api/v1/components/units/A999925000005-E0610V00/discard')
      .send({ reason: 'DAMAGED' })
      .expect(404);
  });

  it('pools platelets of one group under a new DIN recording every parent, and irradiates red cells', async () => {
    const dins = ['A999925000011', 'A999925000012'];
    for (const din of dins) {
      await donationCompleted(t, din);
      await prepare(din, 'E3700', 50).expect(201);
      await prepare(din, 'E0398', 280).expect(201);
    }
    const quarantinedPool = await t
      .as('components')
      .post('/api/v1/components/pools')
      .send({ unitIds: dins.map((d) => `${d}-E3700V00`), poolDin: 'A999925900001', equipmentId: 'DOCK-1' })
      .expect(422);
    expect(quarantinedPool.body.code).toBe('COMP.UNIT_NOT_RELEASED');
    for (const din of dins) await donationQualified(t, din, { abo: 'B', rhd: 'POS' });
    await eventually(async () => {
      const unit = await t.as('components').get(`/api/v1/components/units/${dins[1]}-E3700V00`).expect(200);
      expect(unit.body.status).toBe('Released');
    });

    const pool = await t
      .as('components')
      .post('/api/v1/components/pools')
      .send({ unitIds: dins.map((d) => `${d}-E3700V00`), poolDin: 'A999925900001', equipmentId: 'DOCK-1' })
      .expect(201);
    expect(pool.body).toMatchObject({
      unitId: 'A999925900001-E4010V00',
      productType: 'POOLED_PLATELETS',
      status: 'Released',
      volumeMl: 100,
      parentUnitIds: dins.map((d) => `${d}-E3700V00`),
      sourceDins: dins,
      abo: 'B',
    });
    const parent = await t.as('components').get(`/api/v1/components/units/${dins[0]}-E3700V00`).expect(200);
    expect(parent.body).toMatchObject({ status: 'Consumed', childUnitIds: ['A999925900001-E4010V00'] });

    const irradiated = await t
      .as('components')
      .post(`/api/v1/components/units/${dins[0]}-E0398V00/modifications`)
      .send({ method: 'IRRADIATION', equipmentId: 'IRRADIATOR-1' })
      .expect(201);
    expect(irradiated.body).toMatchObject({
      unitId: `${dins[0]}-E0399V00`,
      method: 'IRRADIATION',
      status: 'Released',
      parentUnitIds: [`${dins[0]}-E0398V00`],
    });
    const prepared = (await streamEvents(t, `Unit-${dins[0]}-E0399V00`))[0];
    expect(prepared.data).toMatchObject({ equipmentId: 'IRRADIATOR-1', method: 'IRRADIATION' });
    expect(prepared.actor.userId).toBe('user-components');

    const twice = await t
      .as('components')
      .post(`/api/v1/components/units/${dins[0]}-E0399V00/modifications`)
      .send({ method: 'IRRADIATION', equipmentId: 'IRRADIATOR-1' })
      .expect(422);
    expect(twice.body.code).toBe('COMP.MODIFICATION_NOT_APPLICABLE');
    const warmFreeze = await t
      .as('components')
      .post(`/api/v1/components/units/${dins[1]}-E0398V00/modifications`)
      .send({ method: 'FREEZING', equipmentId: 'FREEZER-9', temperatureC: -40 })
      .expect(422);
    expect(warmFreeze.body.code).toBe('COMP.FREEZING_TEMPERATURE_TOO_HIGH');
    expect(await streamEvents(t, `Unit-${dins[1]}-E0610V00`)).toEqual([]);
  });

  it('finds frozen rare red cells by phenotype', async () => {
    const din = 'A999925000021';
    await donationCompleted(t, din);
    await donationQualified(t, din, { abo: 'AB', rhd: 'POS' }, { E: 'NEG', Fya: 'NEG', c: 'POS' });
    await prepare(din, 'E0398', 280).expect(201);
    await t
      .as('components')
      .post(`/api/v1/components/units/${din}-E0398V00/modifications`)
      .send({ method: 'FREEZING', equipmentId: 'FREEZER-1', temperatureC: -80 })
      .expect(201);
    const found = await t
      .as('components')
      .get('/api/v1/components/inventory/frozen-rare?negativeFor=E,Fya')
      .expect(200);
    expect(found.body.map((u: { unitId: string }) => u.unitId)).toEqual([`${din}-E0610V00`]);
    const none = await t
      .as('components')
      .get('/api/v1/components/inventory/frozen-rare?negativeFor=K')
      .expect(200);
    expect(none.body).toEqual([]);
  });

  it("finds frozen rare red cells of every group compatible with the recipient's ABO/RhD", async () => {
    const frozen = async (din: string, abo: Abo, rhd: RhD) => {
      await donationCompleted(t, din);
      await donationQualified(t, din, { abo, rhd }, { E: 'NEG', Fya: 'NEG' });
      await prepare(din, 'E0398', 280).expect(201);
      await t
        .as('components')
        .post(`/api/v1/components/units/${din}-E0398V00/modifications`)
        .send({ method: 'FREEZING', equipmentId: 'FREEZER-1', temperatureC: -80 })
        .expect(201);
      return `${din}-E0610V00`;
    };
    const oNeg = await frozen('A999925000061', 'O', 'NEG');
    const bNeg = await frozen('A999925000062', 'B', 'NEG');
    const bPos = await frozen('A999925000063', 'B', 'POS');
    const forBNeg = await t
      .as('components')
      .get('/api/v1/components/inventory/frozen-rare?negativeFor=E,Fya&recipient=B-')
      .expect(200);
    expect(forBNeg.body.map((u: { unitId: string }) => u.unitId).sort()).toEqual([oNeg, bNeg].sort());
    const forAbPos = await t
      .as('components')
      .get('/api/v1/components/inventory/frozen-rare?negativeFor=E,Fya&recipient=AB%2B')
      .expect(200);
    expect(forAbPos.body.map((u: { unitId: string }) => u.unitId)).toEqual(
      expect.arrayContaining([oNeg, bNeg, bPos]),
    );
  });

  it('quarantines every unit stored in a fridge during an excursion until a quality decision', async () => {
    await t
      .as('components')
      .post('/api/v1/components/equipment')
      .send({ equipmentId: 'FRIDGE-7', kind: 'FRIDGE', minC: 2, maxC: 6 })
      .expect(201);
    await t
      .as('components')
      .post('/api/v1/components/equipment')
      .send({ equipmentId: 'AGITATOR-1', kind: 'PLATELET_AGITATOR', minC: 20, maxC: 24 })
      .expect(201);
    const dins = ['A999925000031', 'A999925000032'];
    for (const din of dins) {
      await donationCompleted(t, din);
      await donationQualified(t, din);
      await prepare(din, 'E0398', 280).expect(201);
      await t
        .as('components')
        .post(`/api/v1/components/units/${din}-E0398V00/storage`)
        .send({ equipmentId: 'FRIDGE-7' })
        .expect(201);
    }
    const wrongPlace = await t
      .as('components')
      .post(`/api/v1/components/units/${dins[0]}-E0398V00/storage`)
      .send({ equipmentId: 'AGITATOR-1' })
      .expect(422);
    expect(wrongPlace.body.code).toBe('COMP.STORAGE_TEMPERATURE_MISMATCH');
    const notExcursion = await t
      .as('components')
      .post('/api/v1/components/equipment/FRIDGE-7/excursions')
      .send({ startedAt: hoursAgo(1), endedAt: new Date().toISOString(), observedC: 4 })
      .expect(422);
    expect(notExcursion.body.code).toBe('COMP.NOT_AN_EXCURSION');

    const excursion = await t
      .as('components')
      .post('/api/v1/components/equipment/FRIDGE-7/excursions')
      .send({ startedAt: hoursAgo(1), endedAt: new Date().toISOString(), observedC: 11 })
      .expect(201);
    const holdId = excursion.body.excursionId;
    await eventually(async () => {
      for (const din of dins) {
        const unit = await t.as('components').get(`/api/v1/components/units/${din}-E0398V00`).expect(200);
        expect(unit.body).toMatchObject({ status: 'Quarantined', holds: [holdId] });
      }
    });

    const decide = (din: string, decision: string) =>
      t
        .as('components')
        .post(`/api/v1/components/units/${din}-E0398V00/quality-decisions`)
        .send({ holdId, decision, reason: 'Reviewed the logger trace' });
    expect((await decide(dins[0], 'RELEASE').expect(201)).body.status).toBe('Released');
    expect((await decide(dins[1], 'DISCARD').expect(201)).body).toMatchObject({
      status: 'Discarded',
      statusReason: 'TEMPERATURE_EXCURSION',
    });
    expect((await decide(dins[0], 'RELEASE').expect(422)).body.code).toBe('COMP.NO_SUCH_HOLD');
    await t
      .as('distribution')
      .post(`/api/v1/components/units/${dins[0]}-E0398V00/quality-decisions`)
      .send({ holdId, decision: 'RELEASE', reason: 'not my call' })
      .expect(403);
  });

  it('holds a unit whose storage, entered late, falls in an excursion reported before it was entered', async () => {
    const base = Math.floor(Date.now() / 60_000) * 60_000;
    const ago = (hours: number) => new Date(base - hours * 3_600_000).toISOString();
    const reason = 'Storage log of the night shift, entered the next day';
    await t
      .as('components')
      .post('/api/v1/components/equipment')
      .send({ equipmentId: 'FRIDGE-8', kind: 'FRIDGE', minC: 2, maxC: 6 })
      .expect(201);
    const dins = ['A999925000033', 'A999925000034'];
    for (const din of dins) {
      await donationCompleted(t, din, { endedAt: ago(40) });
      await donationQualified(t, din);
      await t
        .as('components')
        .post('/api/v1/components/units')
        .send({
          din,
          descriptionCode: 'E0398',
          volumeMl: 280,
          equipmentId: 'CENTRIFUGE-1',
          preparedAt: ago(39),
        })
        .expect(201);
    }
    /* The fridge was at 11 C from 20 h to 18 h ago; nothing was recorded in it when this was reported. */
    const excursion = await t
      .as('components')
      .post('/api/v1/components/equipment/FRIDGE-8/excursions')
      .send({ startedAt: ago(20), endedAt: ago(18), observedC: 11 })
      .expect(201);
    const holdId = excursion.body.excursionId as string;
    const store = (din: string, storedAt: string) =>
      t
        .as('components')
        .post(`/api/v1/components/units/${din}-E0398V00/storage`)
        .send({ equipmentId: 'FRIDGE-8', storedAt, lateEntryReason: reason })
        .expect(201);
    /* Put in the fridge 22 h ago: it was there during the excursion. */
    const during = await store(dins[0], ago(22));
    expect(during.body).toMatchObject({ status: 'Quarantined', holds: [holdId] });
    const events = (
      await t.as('quality-auditor').get(`/api/v1/streams/Unit-${dins[0]}-E0398V00/events`).expect(200)
    ).body.events as { type: string; occurredAt: string; data: Record<string, unknown> }[];
    /* Recorded with the storage (its business time); the hold applies from the excursion's start. */
    expect(events.at(-1)).toMatchObject({
      type: 'UnitQuarantined',
      occurredAt: ago(22),
      data: { holdId, reason: 'TEMPERATURE_EXCURSION', quarantinedAt: ago(20) },
    });
    /* Put in the fridge 17 h ago, after the excursion ended: not held. */
    const after = await store(dins[1], ago(17));
    expect(after.body.holds).toEqual([]);
    expect(after.body.status).not.toBe('Quarantined');
  });

  it('discards by hand with a reason code, once', async () => {
    const din = 'A999925000041';
    await donationCompleted(t, din);
    await prepare(din, 'E0398', 280).expect(201);
    const res = await t
      .as('components')
      .post(`/api/v1/components/units/${din}-E0398V00/discard`)
      .send({ reason: 'DAMAGED', note: 'Leaking port' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'Discarded', statusReason: 'DAMAGED' });
    const again = await t
      .as('components')
      .post(`/api/v1/components/units/${din}-E0398V00/discard`)
      .send({ reason: 'DAMAGED' })
      .expect(422);
    expect(again.body.code).toBe('COMP.UNIT_ALREADY_FINAL');
    const bad = await t
      .as('components')
      .post(`/api/v1/components/units/${din}-E0398V00/discard`)
      .send({ reason: 'BORED' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('reason');
  });

  it('dates a hand discard at its stated business time, after the preparation, late entries with their reason', async () => {
    const din = 'A999925000042';
    const base = Math.floor(Date.now() / 60_000) * 60_000;
    const ago = (hours: number) => new Date(base - hours * 3_600_000).toISOString();
    const reason = 'Night shift log, entered the next day';
    await donationCompleted(t, din, { endedAt: ago(40) });
    await t
      .as('components')
      .post('/api/v1/components/units')
      .send({
        din,
        descriptionCode: 'E0398',
        volumeMl: 280,
        equipmentId: 'CENTRIFUGE-1',
        preparedAt: ago(39),
      })
      .expect(201);
    const url = `/api/v1/components/units/${din}-E0398V00/discard`;
    const stream = `/api/v1/streams/Unit-${din}-E0398V00/events`;
    const before = (await t.as('quality-auditor').get(stream).expect(200)).body.events.length as number;
    const unexplained = await t
      .as('components')
      .post(url)
      .send({ reason: 'DAMAGED', discardedAt: ago(30) })
      .expect(422);
    expect(unexplained.body.code).toBe('COMP.LATE_ENTRY_REASON_REQUIRED');
    const beforePreparation = await t
      .as('components')
      .post(url)
      .send({ reason: 'DAMAGED', discardedAt: ago(39.5), lateEntryReason: reason })
      .expect(422);
    expect(beforePreparation.body.code).toBe('COMP.BUSINESS_TIMES_OUT_OF_ORDER');
    expect((await t.as('quality-auditor').get(stream).expect(200)).body.events).toHaveLength(before);

    await t
      .as('components')
      .post(url)
      .send({
        reason: 'DAMAGED',
        note: 'Bag torn in the centrifuge',
        discardedAt: ago(30),
        lateEntryReason: reason,
      })
      .expect(201);
    const events = (await t.as('quality-auditor').get(stream).expect(200)).body.events as {
      type: string;
      occurredAt: string;
      recordedAt: string;
      data: Record<string, unknown>;
    }[];
    const discarded = events.at(-1)!;
    expect(discarded).toMatchObject({
      type: 'UnitDiscarded',
      occurredAt: ago(30),
      data: { discardedAt: ago(30) },
    });
    expect(discarded.data.lateEntry).toEqual({
      reason,
      delayMinutes: Math.floor((Date.parse(discarded.recordedAt) - Date.parse(ago(30))) / 60_000),
    });
  });

  it('lists inventory by group and status and keeps hospitals to their own units', async () => {
    const res = await t
      .as('distribution')
      .get('/api/v1/components/inventory?abo=B&status=Released')
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(
      res.body.every((u: { abo: string; status: string }) => u.abo === 'B' && u.status === 'Released'),
    ).toBe(true);
    const expiring = await t
      .as('distribution')
      .get('/api/v1/components/inventory?expiringWithinDays=6')
      .expect(200);
    expect(expiring.body.every((u: { productType: string }) => u.productType.includes('PLATELET'))).toBe(
      true,
    );
    const hospital = await t.as('hospital').get('/api/v1/components/inventory?siteId=BC-1').expect(200);
    expect(hospital.body).toEqual([]);
    await t.as('hospital').get('/api/v1/components/units/A999925000001-E0398V00').expect(404);
    await t.as('distribution').get('/api/v1/components/inventory?expiringWithinDays=soon').expect(400);
  });
});

describe('components: the scheduled expiry sweep', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { HEMOTRACE_EXPIRY_SWEEP_MS: '200' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const releasedRedCells = async (din: string, endedAt: string) => {
    await donationCompleted(t, din, { endedAt });
    await donationQualified(t, din);
    const res = await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-1' })
      .expect(201);
    expect(res.body.status).toBe('Released');
    return res.body as { unitId: string; expiresAt: string };
  };

  it('records a released unit past its expiry as expired without anyone calling the sweep endpoint', async () => {
    const stale = await releasedRedCells('A999925000051', hoursAgo(40 * 24));
    expect(new Date(stale.expiresAt).getTime()).toBeLessThan(Date.now());
    const fresh = await releasedRedCells('A999925000052', hoursAgo(1));

    await eventually(async () => {
      const unit = await t.as('components').get(`/api/v1/components/units/${stale.unitId}`).expect(200);
      expect(unit.body).toMatchObject({ status: 'Expired', statusReason: 'EXPIRED' });
    });
    const events = await streamEvents(t, `Unit-${stale.unitId}`);
    expect(events.map((e) => e.type)).toEqual([
      'UnitPrepared',
      'UnitQualified',
      'UnitReleased',
      'UnitExpired',
    ]);
    expect(events[3]).toMatchObject({
      actor: { userId: 'system', role: 'admin', siteId: 'BC-1' },
      commandId: `expiry:${stale.unitId}`,
    });

    const inDate = await t.as('components').get(`/api/v1/components/units/${fresh.unitId}`).expect(200);
    expect(inDate.body.status).toBe('Released');
    expect((await streamEvents(t, `Unit-${fresh.unitId}`)).map((e) => e.type)).toEqual([
      'UnitPrepared',
      'UnitQualified',
      'UnitReleased',
    ]);
    const stock = await t.as('distribution').get('/api/v1/components/inventory').expect(200);
    const inStock = stock.body.map((u: { unitId: string }) => u.unitId);
    expect(inStock).toContain(fresh.unitId);
    expect(inStock).not.toContain(stale.unitId);
  });
});
