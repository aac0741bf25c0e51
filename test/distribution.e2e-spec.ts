import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import {
  donationCompleted,
  donationQualified,
  hoursAgo,
  streamEvents,
} from './fixtures/donation-facts.fixtures';
import { bloodCenter, hospital, registerSites } from './fixtures/sites.fixtures';

describe('distribution: transfers between centers, issue to hospitals, receipt and returns', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      users: {
        'distribution-2': { role: 'distribution', siteId: 'BC-2' },
        'hospital-2': { role: 'hospital', siteId: 'HOSP-2' },
      },
    });
    await registerSites(
      t.as('admin'),
      [bloodCenter('BC-1'), bloodCenter('BC-2'), hospital('HOSP-1'), hospital('HOSP-2')],
      [{ allianceId: 'CITY-ALLIANCE', members: ['BC-1', 'BC-2'] }],
    );
  });

  afterAll(async () => {
    await t.close();
  });

  const prepare = (din: string, descriptionCode: string, volumeMl: number) =>
    t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode, volumeMl, equipmentId: 'CENTRIFUGE-1' })
      .expect(201);

  const unit = (id: string, who = 'components') => t.as(who).get(`/api/v1/components/units/${id}`);

  const createShipment = async (who: string, body: object) =>
    (await t.as(who).post('/api/v1/distribution/shipments').send(body).expect(201)).body.shipmentId as string;

  const pack = (who: string, shipmentId: string, unitId: string) =>
    t.as(who).post(`/api/v1/distribution/shipments/${shipmentId}/units`).send({ unitId });

  const dispatch = (who: string, shipmentId: string, temperatureC: number) =>
    t
      .as(who)
      .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
      .send({ carrier: 'Cold courier', coolerId: 'BOX-1', temperatureC });

  const receiveAll = (who: string, shipmentId: string, unitIds: string[]) =>
    t
      .as(who)
      .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
      .send({
        condition: 'INTACT',
        temperatureC: 5,
        units: unitIds.map((unitId) => ({ unitId, accepted: true })),
      });

  it('a qualified donation becomes three released components; one pooled, one irradiated, transferred to BC-2, issued to a hospital and received', async () => {
    const din = 'B999925000001';
    const partner = 'B999925000002';
    for (const d of [din, partner]) await donationCompleted(t, d);
    await prepare(din, 'E0398', 280);
    await prepare(din, 'E2620', 220);
    await prepare(din, 'E3700', 50);
    await prepare(partner, 'E3700', 50);
    for (const d of [din, partner]) await donationQualified(t, d, { abo: 'O', rhd: 'NEG' });
    await eventually(async () => {
      for (const id of [`${din}-E0398V00`, `${din}-E2620V00`, `${din}-E3700V00`, `${partner}-E3700V00`]) {
        expect((await unit(id).expect(200)).body.status).toBe('Released');
      }
    });

    const pool = await t
      .as('components')
      .post('/api/v1/components/pools')
      .send({
        unitIds: [`${din}-E3700V00`, `${partner}-E3700V00`],
        poolDin: 'B999925900001',
        equipmentId: 'DOCK-1',
      })
      .expect(201);
    const poolId = pool.body.unitId as string;
    const irradiated = await t
      .as('components')
      .post(`/api/v1/components/units/${din}-E0398V00/modifications`)
      .send({ method: 'IRRADIATION', equipmentId: 'IRRADIATOR-1' })
      .expect(201);
    const redId = irradiated.body.unitId as string;

    const redTransfer = await createShipment('distribution', { type: 'CENTER_TRANSFER', toSiteId: 'BC-2' });
    await pack('distribution', redTransfer, redId).expect(201);
    const consumed = await pack('distribution', redTransfer, `${din}-E0398V00`).expect(422);
    expect(consumed.body.code).toBe('COMP.UNIT_NOT_RELEASED');
    const twice = await pack('distribution', redTransfer, redId).expect(422);
    expect(twice.body.code).toBe('DIST.UNIT_ALREADY_PACKED');
    const warm = await dispatch('distribution', redTransfer, 22).expect(422);
    expect(warm.body.code).toBe('DIST.TRANSPORT_TEMPERATURE_OUT_OF_RANGE');
    expect((await streamEvents(t, `Shipment-${redTransfer}`)).map((e) => e.type)).toEqual([
      'ShipmentCreated',
      'UnitPacked',
    ]);
    await dispatch('distribution', redTransfer, 4).expect(200);

    const noAlliance = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'EMERGENCY_TRANSFER', toSiteId: 'BC-2' })
      .expect(422);
    expect(noAlliance.body.code).toBe('DIST.ALLIANCE_REQUIRED');
    const plateletTransfer = await createShipment('distribution', {
      type: 'EMERGENCY_TRANSFER',
      toSiteId: 'BC-2',
      allianceId: 'CITY-ALLIANCE',
    });
    await pack('distribution', plateletTransfer, poolId).expect(201);
    await dispatch('distribution', plateletTransfer, 22).expect(200);

    await eventually(async () => {
      expect((await unit(redId).expect(200)).body.inTransitShipmentId).toBe(redTransfer);
    });
    const notConsignee = await receiveAll('distribution', redTransfer, [redId]).expect(403);
    expect(notConsignee.body.code).toBe('DIST.NOT_CONSIGNEE');
    const incomplete = await t
      .as('distribution-2')
      .post(`/api/v1/distribution/shipments/${redTransfer}/receipt`)
      .send({ condition: 'INTACT', temperatureC: 5, units: [{ unitId: poolId, accepted: true }] })
      .expect(422);
    expect(incomplete.body.code).toBe('DIST.RECEIPT_UNITS_MISMATCH');
    expect((await receiveAll('distribution-2', redTransfer, [redId]).expect(200)).body.status).toBe(
      'Received',
    );
    await receiveAll('distribution-2', plateletTransfer, [poolId]).expect(200);
    await eventually(async () => {
      expect((await unit(redId).expect(200)).body).toMatchObject({
        siteId: 'BC-2',
        custodianType: 'BLOOD_CENTER',
      });
    });

    const issue = await createShipment('distribution-2', { type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' });
    const notHeld = await createShipment('distribution', { type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' });
    expect((await pack('distribution', notHeld, redId).expect(422)).body.code).toBe('DIST.UNIT_NOT_IN_STOCK');
    expect((await pack('distribution', issue, redId).expect(403)).body.code).toBe('DIST.NOT_SHIPPER');
    await pack('distribution-2', issue, redId).expect(201);
    await dispatch('distribution-2', issue, 4).expect(200);

    await t.as('hospital-2').get(`/api/v1/distribution/shipments/${issue}`).expect(404);
    await receiveAll('hospital-2', issue, [redId]).expect(404);
    await t.as('hospital').get(`/api/v1/distribution/shipments/${redTransfer}`).expect(404);
    const received = await receiveAll('hospital', issue, [redId]).expect(200);
    expect(received.body).toMatchObject({ status: 'Received', units: [{ unitId: redId, accepted: true }] });

    await eventually(async () => {
      const custody = await t.as('hospital').get(`/api/v1/components/units/${redId}/custody`).expect(200);
      expect(custody.body.custodyChain.map((l: { siteId: string }) => l.siteId)).toEqual([
        'BC-1',
        'BC-2',
        'HOSP-1',
      ]);
    });
    await unit(redId, 'hospital-2').expect(404);
    const shipped = (await streamEvents(t, `Unit-${redId}`)).map((e) => e.type);
    expect(shipped).toEqual([
      'UnitPrepared',
      'UnitShipped',
      'UnitCustodyTransferred',
      'UnitShipped',
      'UnitCustodyTransferred',
    ]);

    const returned = await t
      .as('distribution-2')
      .post(`/api/v1/distribution/shipments/${issue}/returns`)
      .send({ unitId: redId, temperatureC: 5 })
      .expect(201);
    expect(returned.body).toMatchObject({ disposition: 'RESTOCKED', toSiteId: 'BC-2' });
    await eventually(async () => {
      expect((await unit(redId).expect(200)).body).toMatchObject({ siteId: 'BC-2', status: 'Released' });
    });
    const again = await t
      .as('distribution-2')
      .post(`/api/v1/distribution/shipments/${issue}/returns`)
      .send({ unitId: redId, temperatureC: 5 })
      .expect(422);
    expect(again.body.code).toBe('DIST.UNIT_ALREADY_RETURNED');

    const period = `from=${encodeURIComponent(hoursAgo(1))}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`;
    const out = await t
      .as('distribution')
      .get(`/api/v1/distribution/reports/transfers?${period}`)
      .expect(200);
    expect(out.body).toEqual([
      {
        partnerSiteId: 'BC-2',
        out: { shipments: 2, redCellUnits: 2, plateletDoses: 1 },
        in: { shipments: 0, redCellUnits: 0, plateletDoses: 0 },
        inTransit: { shipments: 0, redCellUnits: 0, plateletDoses: 0 },
      },
    ]);
    const into = await t
      .as('distribution-2')
      .get(`/api/v1/distribution/reports/transfers?${period}`)
      .expect(200);
    expect(into.body[0]).toMatchObject({ partnerSiteId: 'BC-1', in: { shipments: 2, redCellUnits: 2 } });
  });

  it('discards a returned unit kept out of range and a unit rejected on receipt', async () => {
    const dins = ['B999925000011', 'B999925000012'];
    for (const d of dins) {
      await donationCompleted(t, d);
      await donationQualified(t, d);
      await prepare(d, 'E0398', 280);
    }
    const ids = dins.map((d) => `${d}-E0398V00`);
    const issue = await createShipment('distribution', { type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' });
    for (const id of ids) await pack('distribution', issue, id).expect(201);
    await dispatch('distribution', issue, 4).expect(200);
    const noReason = await t
      .as('hospital')
      .post(`/api/v1/distribution/shipments/${issue}/receipt`)
      .send({
        condition: 'DAMAGED',
        temperatureC: 6,
        units: [
          { unitId: ids[0], accepted: true },
          { unitId: ids[1], accepted: false },
        ],
      })
      .expect(422);
    expect(noReason.body.code).toBe('DIST.REJECTION_REASON_REQUIRED');
    await t
      .as('hospital')
      .post(`/api/v1/distribution/shipments/${issue}/receipt`)
      .send({
        condition: 'DAMAGED',
        temperatureC: 6,
        units: [
          { unitId: ids[0], accepted: true },
          { unitId: ids[1], accepted: false, reason: 'Bag punctured' },
        ],
      })
      .expect(200);
    await eventually(async () => {
      expect((await unit(ids[1]).expect(200)).body).toMatchObject({
        status: 'Discarded',
        statusReason: 'REJECTED_ON_RECEIPT',
      });
      expect((await unit(ids[0]).expect(200)).body).toMatchObject({
        siteId: 'HOSP-1',
        custodianType: 'HOSPITAL',
      });
    });
    const rejectedReturn = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${issue}/returns`)
      .send({ unitId: ids[1], temperatureC: 5 })
      .expect(422);
    expect(rejectedReturn.body.code).toBe('DIST.UNIT_NOT_IN_SHIPMENT');
    const warm = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${issue}/returns`)
      .send({ unitId: ids[0], temperatureC: 15 })
      .expect(201);
    expect(warm.body).toMatchObject({ disposition: 'DISCARDED' });
    await eventually(async () => {
      expect((await unit(ids[0]).expect(200)).body).toMatchObject({
        siteId: 'BC-1',
        status: 'Discarded',
        statusReason: 'RETURN_OUT_OF_LIMITS',
      });
    });
  });

  it('refuses an expired unit and records it expired in the sweep', async () => {
    const din = 'B999925000021';
    await donationCompleted(t, din, { endedAt: hoursAgo(40 * 24) });
    await donationQualified(t, din);
    await prepare(din, 'E0398', 280);
    const shipmentId = await createShipment('distribution', { type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' });
    const res = await pack('distribution', shipmentId, `${din}-E0398V00`).expect(422);
    expect(res.body.code).toBe('COMP.UNIT_EXPIRED');
    expect((await streamEvents(t, `Shipment-${shipmentId}`)).map((e) => e.type)).toEqual(['ShipmentCreated']);
    const empty = await dispatch('distribution', shipmentId, 4).expect(422);
    expect(empty.body.code).toBe('DIST.SHIPMENT_EMPTY');
    const sweep = await t.as('distribution').post('/api/v1/components/expiry-sweep').expect(200);
    expect(sweep.body.expired).toContain(`${din}-E0398V00`);
    expect((await unit(`${din}-E0398V00`).expect(200)).body.status).toBe('Expired');
  });

  it('answers 400, 403 and 404 and writes nothing', async () => {
    const bad = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'GIFT', toSiteId: 'HOSP-1' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors[0].field).toBe('type');
    const badReceipt = await t
      .as('hospital')
      .post('/api/v1/distribution/shipments/x/receipt')
      .send({ condition: 'INTACT', temperatureC: 5, units: [{ unitId: 'nope', accepted: 'yes' }] })
      .expect(400);
    expect(badReceipt.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['units.0.unitId', 'units.0.accepted']),
    );
    const denied = await t
      .as('components')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' })
      .expect(403);
    expect(denied.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    const same = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'CENTER_TRANSFER', toSiteId: 'BC-1' })
      .expect(422);
    expect(same.body.code).toBe('DIST.SAME_SITE');
    const missing = await pack(
      'distribution',
      '0190aaaa-0000-7000-8000-000000000000',
      'B999925000001-E0398V00',
    ).expect(404);
    expect(missing.body.code).toBe('DIST.SHIPMENT_NOT_FOUND');
    const shipmentId = await createShipment('distribution', { type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' });
    const noUnit = await pack('distribution', shipmentId, 'B999925099999-E0398V00').expect(404);
    expect(noUnit.body.code).toBe('COMP.UNIT_NOT_FOUND');
    expect((await streamEvents(t, `Shipment-${shipmentId}`)).length).toBe(1);
  });
});
