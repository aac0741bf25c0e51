import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** Master data entered today for sites that opened, signed and closed in the past: past business dates. */
const OPENED = '2024-03-01T00:00:00.000Z';
const SIGNED = '2024-06-15T00:00:00.000Z';
const CLOSED = '2025-01-10T08:00:00.000Z';
const JOINED = '2025-02-01T00:00:00.000Z';

interface StoredEvent {
  type: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
}

describe('sites and alliances as master data, and the consignees shipments may go to (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      users: {
        'distribution-9': { role: 'distribution', siteId: 'BC-9' },
        'distribution-3': { role: 'distribution', siteId: 'BC-3' },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const admin = () => t.as('admin');
  const events = async (streamId: string): Promise<StoredEvent[]> => {
    const res = await t.as('quality-auditor').get(`/api/v1/streams/${streamId}/events`);
    return res.status === 404 ? [] : (res.body.events as StoredEvent[]);
  };
  const logLength = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.length;
  const shipmentsInLog = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.filter((e) =>
      e.streamId.startsWith('Shipment-'),
    ).length;
  const register = (siteId: string, type: string, occurredAt = OPENED) =>
    admin()
      .post('/api/v1/sites')
      .send({ siteId, name: `Site ${siteId}`, type, active: true, occurredAt });
  const ship = (who: string, body: object) => t.as(who).post('/api/v1/distribution/shipments').send(body);

  it('registers centers, a laboratory, hospitals and an alliance with the past dates they took effect', async () => {
    for (const [siteId, type] of [
      ['BC-1', 'BLOOD_CENTER'],
      ['BC-2', 'BLOOD_CENTER'],
      ['BC-3', 'BLOOD_CENTER'],
      ['BC-9', 'BLOOD_CENTER'],
      ['LAB-1', 'LABORATORY'],
      ['CS-1', 'COLLECTION_SITE'],
      ['HOSP-1', 'HOSPITAL'],
      ['HOSP-3', 'HOSPITAL'],
    ]) {
      await register(siteId, type).expect(201);
    }
    const site = await t.as('hospital').get('/api/v1/sites/HOSP-1').expect(200);
    expect(site.body).toEqual({
      siteId: 'HOSP-1',
      name: 'Site HOSP-1',
      type: 'HOSPITAL',
      active: true,
      registeredAt: OPENED,
      changedAt: OPENED,
      statusReason: null,
    });
    const [registered] = await events('Site-HOSP-1');
    expect(registered).toMatchObject({
      type: 'SiteRegistered',
      occurredAt: OPENED,
      data: { siteId: 'HOSP-1', siteType: 'HOSPITAL', active: true, registeredAt: OPENED },
    });
    expect(registered.recordedAt > OPENED).toBe(true);

    const alliance = await admin()
      .post('/api/v1/alliances')
      .send({
        allianceId: 'CITY-4',
        name: 'Four-city alliance',
        members: ['BC-1', 'BC-2'],
        occurredAt: SIGNED,
      })
      .expect(201);
    expect(alliance.body).toEqual({
      allianceId: 'CITY-4',
      name: 'Four-city alliance',
      members: ['BC-1', 'BC-2'],
      formedAt: SIGNED,
      changedAt: SIGNED,
    });
    await admin()
      .post('/api/v1/alliances/CITY-4/members')
      .send({ siteId: 'BC-3', occurredAt: JOINED })
      .expect(201);
    expect((await events('Alliance-CITY-4')).map((e) => [e.type, e.occurredAt])).toEqual([
      ['AllianceFormed', SIGNED],
      ['AllianceMemberJoined', JOINED],
    ]);
    const left = await admin()
      .delete('/api/v1/alliances/CITY-4/members/BC-3')
      .send({ reason: 'Left the regional agreement', occurredAt: '2025-02-20T00:00:00.000Z' })
      .expect(200);
    expect(left.body.members).toEqual(['BC-1', 'BC-2']);

    const renamed = await admin()
      .put('/api/v1/sites/LAB-1')
      .send({
        name: 'Central testing laboratory',
        type: 'LABORATORY',
        occurredAt: '2024-09-01T00:00:00.000Z',
      })
      .expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Central testing laboratory',
      registeredAt: OPENED,
      changedAt: '2024-09-01T00:00:00.000Z',
    });
    const backdated = await admin()
      .put('/api/v1/sites/LAB-1')
      .send({ name: 'Old name', type: 'LABORATORY', occurredAt: '2024-01-01T00:00:00.000Z' })
      .expect(422);
    expect(backdated.body.code).toBe('SITES.BUSINESS_TIMES_OUT_OF_ORDER');

    const hospitals = await t.as('distribution').get('/api/v1/sites?type=HOSPITAL').expect(200);
    expect(hospitals.body.map((s: { siteId: string }) => s.siteId)).toEqual(['HOSP-1', 'HOSP-3']);
    const alliances = await t.as('quality-auditor').get('/api/v1/alliances').expect(200);
    expect(alliances.body.map((a: { allianceId: string }) => a.allianceId)).toEqual(['CITY-4']);
  });

  it('refuses a non-admin (403), a bad body (400 with fields), a duplicate id (409) and an unknown id (404), writing nothing', async () => {
    const before = await logLength();
    const notAdmin = await t
      .as('distribution')
      .post('/api/v1/sites')
      .send({ siteId: 'HOSP-8', name: 'Rogue', type: 'HOSPITAL', active: true })
      .expect(403);
    expect(notAdmin.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await t
      .as('hospital')
      .post('/api/v1/alliances')
      .send({ allianceId: 'X', name: 'X', members: [] })
      .expect(403);

    const bad = await admin()
      .post('/api/v1/sites')
      .send({ siteId: 'bad id!', name: '', type: 'PHARMACY', active: 'yes', colour: 'red' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'active',
      'colour',
      'name',
      'siteId',
      'type',
    ]);

    const duplicate = await register('HOSP-1', 'HOSPITAL').expect(409);
    expect(duplicate.body.code).toBe('SITES.SITE_ALREADY_REGISTERED');
    const formedTwice = await admin()
      .post('/api/v1/alliances')
      .send({ allianceId: 'CITY-4', name: 'Again', members: ['BC-1', 'BC-2'] })
      .expect(409);
    expect(formedTwice.body.code).toBe('SITES.ALLIANCE_ALREADY_FORMED');
    const hospitalMember = await admin()
      .post('/api/v1/alliances')
      .send({ allianceId: 'MIXED', name: 'Mixed', members: ['BC-1', 'HOSP-1'] })
      .expect(422);
    expect(hospitalMember.body.code).toBe('SITES.MEMBER_NOT_A_BLOOD_CENTER');
    const future = await register('HOSP-9', 'HOSPITAL', '2099-01-01T00:00:00.000Z').expect(422);
    expect(future.body.code).toBe('SITES.BUSINESS_TIME_IN_FUTURE');

    expect((await t.as('hospital').get('/api/v1/sites/HOSP-404').expect(404)).body.code).toBe(
      'SITES.SITE_NOT_FOUND',
    );
    expect((await t.as('hospital').get('/api/v1/alliances/NOPE').expect(404)).body.code).toBe(
      'SITES.ALLIANCE_NOT_FOUND',
    );
    const unknownDeactivation = await admin()
      .post('/api/v1/sites/HOSP-404/deactivation')
      .send({ reason: 'Closed' })
      .expect(404);
    expect(unknownDeactivation.body.code).toBe('SITES.SITE_NOT_FOUND');
    expect(await logLength()).toBe(before);
  });

  it('refuses a shipment to an unregistered, inactive or wrong-type consignee with its code, writing nothing', async () => {
    await admin()
      .post('/api/v1/sites/HOSP-3/deactivation')
      .send({ reason: 'Closed for renovation', occurredAt: CLOSED })
      .expect(200);
    const closed = await t.as('hospital').get('/api/v1/sites/HOSP-3').expect(200);
    expect(closed.body).toMatchObject({
      active: false,
      changedAt: CLOSED,
      statusReason: 'Closed for renovation',
    });
    expect((await events('Site-HOSP-3')).map((e) => [e.type, e.occurredAt])).toEqual([
      ['SiteRegistered', OPENED],
      ['SiteDeactivated', CLOSED],
    ]);
    const again = await admin()
      .post('/api/v1/sites/HOSP-3/deactivation')
      .send({ reason: 'Twice' })
      .expect(422);
    expect(again.body.code).toBe('SITES.SITE_INACTIVE');

    const log = await logLength();
    const shipments = await shipmentsInLog();
    const refusals: [object, string][] = [
      [{ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-77' }, 'DIST.CONSIGNEE_NOT_REGISTERED'],
      [{ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-3' }, 'DIST.CONSIGNEE_INACTIVE'],
      [{ type: 'HOSPITAL_ISSUE', toSiteId: 'LAB-1' }, 'DIST.CONSIGNEE_WRONG_TYPE'],
      [{ type: 'HOSPITAL_ISSUE', toSiteId: 'BC-2' }, 'DIST.CONSIGNEE_WRONG_TYPE'],
      [{ type: 'CENTER_TRANSFER', toSiteId: 'HOSP-1' }, 'DIST.CONSIGNEE_WRONG_TYPE'],
      [{ type: 'CENTER_TRANSFER', toSiteId: 'CS-1' }, 'DIST.CONSIGNEE_WRONG_TYPE'],
    ];
    for (const [body, code] of refusals) {
      const res = await ship('distribution', body).expect(422);
      expect(res.body.code).toBe(code);
    }
    expect(await shipmentsInLog()).toBe(shipments);
    expect(await logLength()).toBe(log);

    await admin()
      .post('/api/v1/sites/HOSP-3/reactivation')
      .send({ reason: 'Reopened', occurredAt: '2025-02-01T08:00:00.000Z' })
      .expect(200);
    const issue = await ship('distribution', { type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-3' }).expect(201);
    expect(issue.body).toMatchObject({ type: 'HOSPITAL_ISSUE', fromSiteId: 'BC-1', toSiteId: 'HOSP-3' });
    await ship('distribution', { type: 'CENTER_TRANSFER', toSiteId: 'BC-2' }).expect(201);
    expect(await shipmentsInLog()).toBe(shipments + 2);

    /* Closed again before the box leaves: the dispatch reads the consignee's own stream once more. */
    await admin().post('/api/v1/sites/HOSP-3/deactivation').send({ reason: 'Flooded' }).expect(200);
    const beforeDispatch = await logLength();
    const dispatch = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${issue.body.shipmentId as string}/dispatch`)
      .send({ carrier: 'City cold chain', coolerId: 'BOX-3', temperatureC: 4 })
      .expect(422);
    expect(dispatch.body.code).toBe('DIST.CONSIGNEE_INACTIVE');
    expect(await logLength()).toBe(beforeDispatch);
  });

  it('accepts an emergency transfer between members of the named alliance and refuses it between non-members', async () => {
    const accepted = await ship('distribution', {
      type: 'EMERGENCY_TRANSFER',
      toSiteId: 'BC-2',
      allianceId: 'CITY-4',
    }).expect(201);
    const [created] = await events(`Shipment-${accepted.body.shipmentId}`);
    expect(created).toMatchObject({
      type: 'ShipmentCreated',
      data: { type: 'EMERGENCY_TRANSFER', fromSiteId: 'BC-1', toSiteId: 'BC-2', allianceId: 'CITY-4' },
    });

    const log = await logLength();
    const shipments = await shipmentsInLog();
    const toNonMember = await ship('distribution', {
      type: 'EMERGENCY_TRANSFER',
      toSiteId: 'BC-3',
      allianceId: 'CITY-4',
    }).expect(422);
    expect(toNonMember.body.code).toBe('DIST.NOT_ALLIANCE_MEMBERS');
    expect(toNonMember.body.details).toMatchObject({ allianceId: 'CITY-4', notMembers: ['BC-3'] });
    const fromNonMember = await ship('distribution-9', {
      type: 'EMERGENCY_TRANSFER',
      toSiteId: 'BC-2',
      allianceId: 'CITY-4',
    }).expect(422);
    expect(fromNonMember.body.code).toBe('DIST.NOT_ALLIANCE_MEMBERS');
    expect(fromNonMember.body.details).toMatchObject({ notMembers: ['BC-9'] });
    const unknownAlliance = await ship('distribution', {
      type: 'EMERGENCY_TRANSFER',
      toSiteId: 'BC-2',
      allianceId: 'NO-SUCH-ALLIANCE',
    }).expect(422);
    expect(unknownAlliance.body.code).toBe('DIST.ALLIANCE_NOT_REGISTERED');
    const toHospital = await ship('distribution', {
      type: 'EMERGENCY_TRANSFER',
      toSiteId: 'HOSP-1',
      allianceId: 'CITY-4',
    }).expect(422);
    expect(toHospital.body.code).toBe('DIST.CONSIGNEE_WRONG_TYPE');
    expect(await shipmentsInLog()).toBe(shipments);
    expect(await logLength()).toBe(log);
  });
});
