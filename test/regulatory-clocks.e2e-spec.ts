import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Role } from '@hemotrace/kernel';
import { newId } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

/**
 * A donor's history with past business dates, recorded in the shape of the upstream contracts:
 * the last non-reactive sample was tested in May but its conclusion was only recorded in June,
 * and the confirmatory positive result came days before the lookback was looked at.
 */
const D = 'donor-clock';
const EDGE = 'A999926800001';
const LAST = 'A999926800002';
const POSITIVE = 'A999926800003';
const EDGE_RED = `${EDGE}-E0398V00`;
const LAST_TESTED = '2026-05-11T14:30:00.000Z';
const LAST_CONCLUDED = '2026-06-30T10:00:00.000Z';
const CONFIRMED = '2026-11-26T10:00:00.000Z';

describe('regulatory clocks run on business time (HTTP)', () => {
  let t: TestApp;

  const append = async (streamId: string, type: string, data: object, at: string, role: Role) =>
    t.app.get<EventStore>(EVENT_STORE).append({
      streamId,
      events: [{ type, data }],
      expectedVersion: 'any',
      metadata: {
        actor: { userId: `fixture-${role}`, role, siteId: 'BC-1' },
        correlationId: newId(),
        occurredAt: at,
      },
    });

  const donation = async (din: string, collectedAt: string) =>
    append(
      `Donation-${din}`,
      'DonationCompleted',
      {
        din,
        donorId: D,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        startedAt: collectedAt,
        endedAt: collectedAt,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: `BAG-${din}`,
      },
      collectedAt,
      'phlebotomist',
    );

  const qualified = async (din: string, testedAt: string, qualifiedAt: string) =>
    append(
      `DonationTesting-${din}`,
      'DonationQualified',
      { din, donorId: D, bloodGroup: { abo: 'O', rhd: 'POS' }, qualifiedAt, testedAt },
      qualifiedAt,
      'laboratory',
    );

  beforeAll(async () => {
    t = await startTestApp();
    await append(
      `Donor-${D}`,
      'DonorRegistered',
      {
        donorId: D,
        sex: 'F',
        birthDate: '1990-01-01',
        registeredAt: '2024-01-01T00:00:00.000Z',
        siteId: 'BC-1',
      },
      '2024-01-01T00:00:00.000Z',
      'donor-clinic',
    );
    await donation(EDGE, '2025-05-20T08:00:00.000Z');
    await qualified(EDGE, '2025-05-20T12:00:00.000Z', '2025-05-20T16:00:00.000Z');
    await append(
      `Unit-${EDGE_RED}`,
      'UnitPrepared',
      {
        unitId: EDGE_RED,
        din: EDGE,
        donorId: D,
        productCode: 'E0398V00',
        descriptionCode: 'E0398',
        productType: 'SUSPENDED_RED_CELLS',
        volumeMl: 200,
        preparedAt: '2025-05-20T10:00:00.000Z',
        expiresAt: '2025-06-24T10:00:00.000Z',
        siteId: 'BC-1',
        parentUnitIds: [],
        sourceDins: [EDGE],
        method: 'SEPARATION',
        equipmentId: 'CENTRIFUGE-1',
        status: 'Released',
      },
      '2025-05-20T10:00:00.000Z',
      'components',
    );
    const shipment = {
      shipmentId: 'S-CLOCK-1',
      type: 'HOSPITAL_ISSUE',
      fromSiteId: 'BC-1',
      toSiteId: 'HOSP-7',
    };
    await append(
      'Shipment-S-CLOCK-1',
      'ShipmentCreated',
      { ...shipment, createdAt: '2025-05-22T08:00:00.000Z' },
      '2025-05-22T08:00:00.000Z',
      'distribution',
    );
    await append(
      'Shipment-S-CLOCK-1',
      'ShipmentDispatched',
      {
        ...shipment,
        carrier: 'Van',
        coolerId: 'C1',
        temperatureC: 4,
        unitIds: [EDGE_RED],
        dispatchedAt: '2025-05-22T09:00:00.000Z',
      },
      '2025-05-22T09:00:00.000Z',
      'distribution',
    );
    await donation(LAST, '2026-05-10T08:00:00.000Z');
    await qualified(LAST, LAST_TESTED, LAST_CONCLUDED);
    await donation(POSITIVE, '2026-11-25T08:00:00.000Z');
    await append(
      `DonationTesting-${POSITIVE}`,
      'DonorConfirmedPositive',
      { din: POSITIVE, donorId: D, marker: 'HIV', confirmedAt: CONFIRMED },
      CONFIRMED,
      'laboratory',
    );
    await t.app.get(ProjectionRunner).catchUp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts the lookback window back 12 months from when the last non-reactive sample was tested', async () => {
    const preview = await t
      .as('quality-auditor')
      .get(`/api/v1/lookbacks/${D}/preview?din=${POSITIVE}`)
      .expect(200);
    expect(preview.body.window).toEqual({
      from: '2025-05-11T14:30:00.000Z',
      to: '2026-11-25T08:00:00.000Z',
      basis: 'LAST_NON_REACTIVE_TEST',
      lastNonReactiveDin: LAST,
    });
    /* Counted from the recorded conclusion (30 June) the window would start 2025-06-30 and miss EDGE. */
    expect(preview.body.donations).toEqual([EDGE, LAST]);
  });

  it('gives the consignee 3 calendar days from the confirmatory result, and so lists the lookback as overdue', async () => {
    const opened = await eventually(async () => {
      const res = await t.as('quality-auditor').get(`/api/v1/investigations?donorId=${D}`).expect(200);
      expect(res.body).toHaveLength(1);
      return res.body[0] as { id: string };
    });
    const view = (await t.as('laboratory').get(`/api/v1/investigations/${opened.id}`).expect(200)).body;
    expect(view.consignees).toEqual([
      expect.objectContaining({ siteId: 'HOSP-7', unitIds: [EDGE_RED], dueBy: '2026-11-29T10:00:00.000Z' }),
    ]);
    const overdue = (await t.as('quality-auditor').get('/api/v1/investigations?overdue=true').expect(200))
      .body;
    expect(overdue.map((i: { id: string }) => i.id)).toContain(opened.id);
  });
});
