import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import { donationCompleted, donationQualified } from './fixtures/donation-facts.fixtures';
import { bloodCenter, registerSites } from './fixtures/sites.fixtures';

/**
 * Issue 11, "reports that agree with the facts": the transfers report and the quality indicators
 * count the same facts the same way (out at dispatch, in at receipt, in transit as such), over
 * periods bounded by instants. November 2026 facts, entered afterwards with their business times.
 */
const LATE = 'Entered from the November transfer book';
const DIN = { a: 'A999926800001', b: 'A999926800002', c: 'A999926800003', d: 'A999926800004' };
const red = (din: string) => `${din}-E0398V00`;

/** A week in Beijing time: 2026-11-03 00:00 +08:00 up to (not including) 2026-11-10 00:00 +08:00. */
const FROM = '2026-11-03T00:00:00+08:00';
const TO = '2026-11-10T00:00:00+08:00';
const COLLECTED = {
  a: '2026-11-02T15:59:00.000Z',
  b: '2026-11-02T16:00:00.000Z',
  c: '2026-11-09T15:59:00.000Z',
  d: '2026-11-09T16:00:00.000Z',
};

describe('the transfers report and the quality indicators count the same facts (HTTP)', () => {
  let t: TestApp;

  const ship = async (
    who: 'distribution' | 'distribution-2',
    toSiteId: string,
    unitId: string,
    dispatchedAt: string,
    receipt?: { by: 'distribution' | 'distribution-2' | 'distribution-3'; at: string },
  ) => {
    const created = await t
      .as(who)
      .post('/api/v1/distribution/shipments')
      .send({ type: 'CENTER_TRANSFER', toSiteId })
      .expect(201);
    const shipmentId = created.body.shipmentId as string;
    await t.as(who).post(`/api/v1/distribution/shipments/${shipmentId}/units`).send({ unitId }).expect(201);
    await t
      .as(who)
      .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
      .send({ carrier: 'Van', coolerId: 'BOX-1', temperatureC: 4, dispatchedAt, lateEntryReason: LATE })
      .expect(200);
    if (receipt) {
      await t
        .as(receipt.by)
        .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
        .send({
          condition: 'INTACT',
          temperatureC: 5,
          units: [{ unitId, accepted: true }],
          receivedAt: receipt.at,
          lateEntryReason: LATE,
        })
        .expect(200);
    }
  };

  beforeAll(async () => {
    t = await startTestApp({
      users: {
        'distribution-2': { role: 'distribution', siteId: 'BC-2' },
        'distribution-3': { role: 'distribution', siteId: 'BC-3' },
      },
    });
    await registerSites(t.as('admin'), [bloodCenter('BC-1'), bloodCenter('BC-2'), bloodCenter('BC-3')]);
    const volume = { a: 200, b: 400, c: 300, d: 200 };
    for (const key of ['a', 'b', 'c', 'd'] as const) {
      await donationCompleted(t, DIN[key], { endedAt: COLLECTED[key], volumeMl: volume[key] });
    }
    for (const key of ['a', 'b', 'c'] as const) {
      await t
        .as('components')
        .post('/api/v1/components/units')
        .send({
          din: DIN[key],
          descriptionCode: 'E0398',
          volumeMl: 140,
          equipmentId: 'CENTRIFUGE-1',
          preparedAt: new Date(Date.parse(COLLECTED[key]) + 10 * 60_000).toISOString(),
        })
        .expect(201);
      await donationQualified(t, DIN[key]);
    }
    await eventually(async () => {
      for (const key of ['a', 'b', 'c'] as const) {
        const unit = await t
          .as('components')
          .get(`/api/v1/components/units/${red(DIN[key])}`)
          .expect(200);
        expect(unit.body.status).toBe('Released');
      }
    });
    // Out to BC-2 and received there within the week; back from BC-2 within the week.
    await ship('distribution', 'BC-2', red(DIN.a), '2026-11-05T02:00:00.000Z', {
      by: 'distribution-2',
      at: '2026-11-05T06:00:00.000Z',
    });
    await ship('distribution-2', 'BC-1', red(DIN.a), '2026-11-06T01:00:00.000Z', {
      by: 'distribution',
      at: '2026-11-06T05:00:00.000Z',
    });
    // Out to BC-3 half an hour before the week ends, still on the road.
    await ship('distribution', 'BC-3', red(DIN.b), '2026-11-09T15:30:00.000Z');
    // Out to BC-3 half an hour after the week ended, and received: outside the period.
    await ship('distribution', 'BC-3', red(DIN.c), '2026-11-09T16:30:00.000Z', {
      by: 'distribution-3',
      at: '2026-11-09T20:00:00.000Z',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const period = (from: string, to: string) =>
    `siteId=BC-1&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  const indicators = async (from: string, to: string) =>
    (
      await t
        .as('quality-auditor')
        .get(`/api/v1/quality/indicators?${period(from, to)}`)
        .expect(200)
    ).body;

  const transfers = async (from: string, to: string) =>
    (
      await t
        .as('quality-auditor')
        .get(`/api/v1/distribution/reports/transfers?${period(from, to)}`)
        .expect(200)
    ).body;

  it('counts donations on business time between the two instants, and the week before as the previous period', async () => {
    const q = await indicators(FROM, TO);
    expect(q.from).toBe('2026-11-02T16:00:00.000Z');
    expect(q.to).toBe('2026-11-09T16:00:00.000Z');
    expect(q.previousPeriod).toEqual({ from: '2026-10-26T16:00:00.000Z', to: '2026-11-02T16:00:00.000Z' });
    expect(q.donations).toEqual({ count: 2, previous: 1, growth: 1 });
    expect(q.volumeMl).toEqual({ total: 700, previous: 200, growth: 2.5 });
  });

  it('shows out at dispatch, in at receipt and what is on the road as in transit, as the transfers report does', async () => {
    // Red cells count in 200 mL whole-blood units: the unit of donation a (200 mL) is 1, of b (400 mL) 2.
    const one = { shipments: 1, units: 1, redCellUnits: 1, plateletDoses: 0 };
    const two = { shipments: 1, units: 1, redCellUnits: 2, plateletDoses: 0 };
    const none = { shipments: 0, units: 0, redCellUnits: 0, plateletDoses: 0 };
    const q = await indicators(FROM, TO);
    expect(q.transfers).toEqual([
      { partner: 'BC-2', out: one, in: one, inTransit: none },
      { partner: 'BC-3', out: two, in: none, inTransit: two },
    ]);
    const report = await transfers(FROM, TO);
    const asReported = q.transfers.map(
      (p: { partner: string; in: typeof one; out: typeof one; inTransit: typeof one }) => {
        const totals = ({ shipments, redCellUnits, plateletDoses }: typeof one) => ({
          shipments,
          redCellUnits,
          plateletDoses,
        });
        return {
          partnerSiteId: p.partner,
          in: totals(p.in),
          out: totals(p.out),
          inTransit: totals(p.inTransit),
        };
      },
    );
    expect(report).toEqual(asReported);
  });

  it('agrees with the transfers report on every other period too: a day, an hour, and the night after the week', async () => {
    for (const [from, to] of [
      ['2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z'],
      ['2026-11-05T05:00:00Z', '2026-11-05T07:00:00Z'],
      ['2026-11-09T16:00:00Z', '2026-11-10T00:00:00Z'],
    ] as const) {
      const q = await indicators(from, to);
      const report = await transfers(from, to);
      expect(report.map((p: { partnerSiteId: string }) => p.partnerSiteId)).toEqual(
        q.transfers.map((p: { partner: string }) => p.partner),
      );
      for (const p of q.transfers) {
        const r = report.find((x: { partnerSiteId: string }) => x.partnerSiteId === p.partner);
        for (const direction of ['in', 'out', 'inTransit'] as const) {
          expect(r[direction]).toEqual({
            shipments: p[direction].shipments,
            redCellUnits: p[direction].redCellUnits,
            plateletDoses: p[direction].plateletDoses,
          });
        }
      }
    }
    const night = await indicators('2026-11-09T16:00:00Z', '2026-11-10T00:00:00Z');
    expect(night.donations.count).toBe(1);
    expect(night.transfers).toEqual([
      {
        partner: 'BC-3',
        out: { shipments: 1, units: 1, redCellUnits: 1.5, plateletDoses: 0 },
        in: { shipments: 0, units: 0, redCellUnits: 0, plateletDoses: 0 },
        inTransit: { shipments: 0, units: 0, redCellUnits: 0, plateletDoses: 0 },
      },
    ]);
  });

  it('reads a date alone as whole UTC days with the last one included, and refuses a time without an offset', async () => {
    const q = await indicators('2026-11-03', '2026-11-09');
    expect(q.from).toBe('2026-11-03T00:00:00.000Z');
    expect(q.to).toBe('2026-11-10T00:00:00.000Z');
    expect(q.donations.count).toBe(2);
    expect(q.volumeMl.total).toBe(500);
    for (const [from, to] of [
      ['2026-11-03T00:00:00', TO],
      [FROM, 'next week'],
      [TO, FROM],
    ]) {
      const refused = await t
        .as('quality-auditor')
        .get(`/api/v1/quality/indicators?${period(from!, to!)}`)
        .expect(400);
      expect(refused.body.code).toBe('TRACE.INVALID_PERIOD');
    }
  });
});
