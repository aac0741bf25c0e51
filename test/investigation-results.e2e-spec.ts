import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Role } from '@hemotrace/kernel';
import { newId } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import { bloodCenter, hospital, registerSites } from './fixtures/sites.fixtures';

/**
 * Issue 11: "lookback, traceback and recall results list the donations, units, consignees and the
 * recipients transfused (hospital-scoped patient ids)". Autumn 2026 facts with their business times:
 * collection, laboratory, components and the transfusions are appended in their contracts' shapes;
 * shipments go through the distribution API; investigations are opened and read through HTTP.
 */
const DONOR = 'donor-ir';
const DIN1 = 'A999926900001';
const DIN2 = 'A999926900002';
const POSITIVE = 'A999926900003';
const OTHER = 'A999926900009';
const POOL_DIN = 'A999926900010';
const RED1 = `${DIN1}-E0398V00`;
const IRRADIATED1 = `${DIN1}-E0399V00`;
const PLASMA1 = `${DIN1}-E0869V00`;
const RED2 = `${DIN2}-E0398V00`;
const RED2A = `${DIN2}-E0398VA0`;
const RED2B = `${DIN2}-E0398VB0`;
const PLATELETS2 = `${DIN2}-E3077V00`;
const PLATELETS_OTHER = `${OTHER}-E3077V00`;
const POOL = `${POOL_DIN}-E4010V00`;
const EXPIRES = '2027-06-30T00:00:00.000Z';
const LATE = 'Entered from the paper records of the autumn';

const AT = {
  din1: '2026-09-01T02:00:00.000Z',
  din2: '2026-10-10T03:00:00.000Z',
  positive: '2026-11-20T02:00:00.000Z',
  confirmed: '2026-11-25T09:00:00.000Z',
  irradiated: '2026-09-02T01:00:00.000Z',
  divided: '2026-10-10T09:00:00.000Z',
  pooled: '2026-10-10T10:00:00.000Z',
};

const recipient = (
  unitId: string,
  hospitalSiteId: string,
  patientId: string,
  startedAt: string,
  endedAt: string,
) => ({
  unitId,
  hospitalSiteId,
  patientId,
  redacted: false,
  startedAt,
  endedAt,
});
const R1 = recipient(
  IRRADIATED1,
  'HOSP-1',
  'PAT-IR-1',
  '2026-09-04T10:00:00.000Z',
  '2026-09-04T12:30:00.000Z',
);
const R2 = recipient(RED2A, 'HOSP-1', 'PAT-IR-2', '2026-10-12T08:00:00.000Z', '2026-10-12T09:00:00.000Z');
const R3 = recipient(RED2B, 'HOSP-2', 'PAT-IR-3', '2026-10-13T14:00:00.000Z', '2026-10-13T15:10:00.000Z');

describe('investigation results list donations, derived units, consignees and recipients (HTTP)', () => {
  let t: TestApp;

  const append = async (
    streamId: string,
    type: string,
    data: object,
    at: string,
    role: Role,
    siteId = 'BC-1',
  ) => {
    await t.app.get<EventStore>(EVENT_STORE).append({
      streamId,
      events: [{ type, data }],
      expectedVersion: 'any',
      metadata: {
        actor: { userId: `fixture-${role}`, role, siteId },
        correlationId: newId(),
        occurredAt: at,
      },
    });
  };

  const donation = async (din: string, donorId: string, at: string, outcome: 'QUALIFIED' | 'REJECTED') => {
    await append(
      `Donation-${din}`,
      'DonationCompleted',
      {
        din,
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        startedAt: at,
        endedAt: at,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: `BAG-${din}`,
      },
      at,
      'phlebotomist',
    );
    const tested = new Date(Date.parse(at) + 4 * 3_600_000).toISOString();
    await append(
      `DonationTesting-${din}`,
      'MarkerResultRecorded',
      {
        din,
        marker: 'HIV',
        method: 'ELISA',
        reagent: { manufacturer: 'KitCo', lot: 'HIV-LOT-IR' },
        interpretation: outcome === 'QUALIFIED' ? 'NON_REACTIVE' : 'REACTIVE',
        testedAt: tested,
      },
      tested,
      'laboratory',
    );
    if (outcome === 'QUALIFIED') {
      await append(
        `DonationTesting-${din}`,
        'DonationQualified',
        { din, donorId, bloodGroup: { abo: 'O', rhd: 'POS' }, qualifiedAt: tested, testedAt: tested },
        tested,
        'laboratory',
      );
    } else {
      await append(
        `DonationTesting-${din}`,
        'DonationRejected',
        { din, donorId, reactiveMarkers: ['HIV'], rejectedAt: tested },
        tested,
        'laboratory',
      );
    }
  };

  const unit = async (
    unitId: string,
    din: string,
    donorId: string,
    at: string,
    options: {
      productType?: string;
      parents?: string[];
      method?: string;
      sourceDins?: string[];
      /** A division's second part: its parent was consumed with the first. */
      parentAlreadyConsumed?: boolean;
    } = {},
  ) => {
    const productCode = unitId.slice(unitId.indexOf('-') + 1);
    await append(
      `Unit-${unitId}`,
      'UnitPrepared',
      {
        unitId,
        din,
        donorId,
        productCode,
        descriptionCode: productCode.slice(0, 5),
        productType: options.productType ?? 'SUSPENDED_RED_CELLS',
        bloodGroup: { abo: 'O', rhd: 'POS' },
        volumeMl: 200,
        preparedAt: at,
        expiresAt: EXPIRES,
        siteId: 'BC-1',
        parentUnitIds: options.parents ?? [],
        sourceDins: options.sourceDins ?? [din],
        method: options.method ?? 'SEPARATION',
        equipmentId: 'CENTRIFUGE-1',
        status: 'Released',
      },
      at,
      'components',
    );
    for (const parent of options.parentAlreadyConsumed ? [] : (options.parents ?? [])) {
      await append(
        `Unit-${parent}`,
        'UnitConsumed',
        { unitId: parent, method: options.method, intoUnitIds: [unitId], consumedAt: at },
        at,
        'components',
      );
    }
  };

  const issue = async (
    unitId: string,
    hospitalUser: 'hospital' | 'hospital-2',
    dispatchedAt: string,
    receivedAt?: string,
  ) => {
    const toSiteId = hospitalUser === 'hospital' ? 'HOSP-1' : 'HOSP-2';
    const created = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId })
      .expect(201);
    const shipmentId = created.body.shipmentId as string;
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
      .send({ unitId })
      .expect(201);
    const dispatched = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
      .send({
        carrier: 'Van',
        coolerId: 'BOX-IR',
        temperatureC: unitId === PLASMA1 ? -25 : 4,
        dispatchedAt,
        lateEntryReason: LATE,
      });
    if (dispatched.status !== 200) throw new Error(JSON.stringify(dispatched.body));
    if (receivedAt) {
      await t
        .as(hospitalUser)
        .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
        .send({
          condition: 'INTACT',
          temperatureC: 5,
          units: [{ unitId, accepted: true }],
          receivedAt,
          lateEntryReason: LATE,
        })
        .expect(200);
    }
    return shipmentId;
  };

  const transfuse = async (r: typeof R1, din: string) => {
    const requestId = `REQ-${r.patientId}`;
    await append(
      `TransfusionRequest-${requestId}`,
      'UnitTransfused',
      {
        requestId,
        patientId: r.patientId,
        hospitalSiteId: r.hospitalSiteId,
        unitId: r.unitId,
        din,
        productCode: r.unitId.slice(r.unitId.indexOf('-') + 1),
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        volumeMl: 200,
      },
      r.endedAt,
      'hospital',
      r.hospitalSiteId,
    );
  };

  const shipments: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ users: { 'hospital-2': { role: 'hospital', siteId: 'HOSP-2' } } });
    await registerSites(t.as('admin'), [bloodCenter('BC-1'), hospital('HOSP-1'), hospital('HOSP-2')]);
    await append(
      `Donor-${DONOR}`,
      'DonorRegistered',
      {
        donorId: DONOR,
        sex: 'F',
        birthDate: '1990-01-01',
        registeredAt: '2025-01-01T00:00:00.000Z',
        siteId: 'BC-1',
      },
      '2025-01-01T00:00:00.000Z',
      'donor-clinic',
    );
    await donation(DIN1, DONOR, AT.din1, 'QUALIFIED');
    await unit(RED1, DIN1, DONOR, '2026-09-01T05:00:00.000Z');
    await unit(PLASMA1, DIN1, DONOR, '2026-09-01T05:00:00.000Z', { productType: 'FRESH_FROZEN_PLASMA' });
    await unit(IRRADIATED1, DIN1, DONOR, AT.irradiated, { parents: [RED1], method: 'IRRADIATION' });
    await donation(DIN2, DONOR, AT.din2, 'QUALIFIED');
    await unit(RED2, DIN2, DONOR, '2026-10-10T06:00:00.000Z');
    await unit(PLATELETS2, DIN2, DONOR, '2026-10-10T06:00:00.000Z', { productType: 'PLATELET_CONCENTRATE' });
    await unit(RED2A, DIN2, DONOR, AT.divided, { parents: [RED2], method: 'DIVISION' });
    await unit(RED2B, DIN2, DONOR, AT.divided, {
      parents: [RED2],
      method: 'DIVISION',
      parentAlreadyConsumed: true,
    });
    await donation(OTHER, 'donor-other', AT.din2, 'QUALIFIED');
    await unit(PLATELETS_OTHER, OTHER, 'donor-other', '2026-10-10T06:00:00.000Z', {
      productType: 'PLATELET_CONCENTRATE',
    });
    await unit(POOL, POOL_DIN, DONOR, AT.pooled, {
      productType: 'POOLED_PLATELETS',
      parents: [PLATELETS2, PLATELETS_OTHER],
      method: 'POOLING',
      sourceDins: [DIN2, OTHER],
    });
    await t.app.get(ProjectionRunner).catchUp();

    shipments.irradiated = await issue(
      IRRADIATED1,
      'hospital',
      '2026-09-03T01:00:00.000Z',
      '2026-09-03T03:00:00.000Z',
    );
    shipments.plasma = await issue(PLASMA1, 'hospital-2', '2026-09-05T01:00:00.000Z');
    shipments.red2a = await issue(RED2A, 'hospital', '2026-10-11T01:00:00.000Z', '2026-10-11T03:00:00.000Z');
    shipments.red2b = await issue(
      RED2B,
      'hospital-2',
      '2026-10-11T02:00:00.000Z',
      '2026-10-11T05:00:00.000Z',
    );
    await transfuse(R1, DIN1);
    await transfuse(R2, DIN2);
    await transfuse(R3, DIN2);

    await donation(POSITIVE, DONOR, AT.positive, 'REJECTED');
    await append(
      `DonationTesting-${POSITIVE}`,
      'DonorConfirmedPositive',
      { din: POSITIVE, donorId: DONOR, marker: 'HIV', confirmedAt: AT.confirmed },
      AT.confirmed,
      'laboratory',
    );
    await t.app.get(ProjectionRunner).catchUp();
  });

  afterAll(async () => {
    await t.close();
  });

  const results = async (investigationId: string, who = 'quality-auditor') =>
    (await t.as(who).get(`/api/v1/investigations/${investigationId}/results`).expect(200)).body;

  it('lists a lookback by donation, every derived unit with its state and consignee, and each recipient with hospital and times', async () => {
    const lookback = await eventually(async () => {
      const res = await t.as('quality-auditor').get(`/api/v1/investigations?donorId=${DONOR}`).expect(200);
      expect(res.body).toHaveLength(1);
      return res.body[0];
    });
    expect(lookback).toMatchObject({ kind: 'LOOKBACK', donations: [DIN1, DIN2] });
    const r = await eventually(async () => {
      const body = await results(lookback.id);
      expect(body.units.find((u: { unitId: string }) => u.unitId === POOL).lifecycle).toBe('Quarantined');
      return body;
    });
    expect(r.donations).toEqual([
      { din: DIN1, donorId: DONOR, collectedAt: AT.din1, siteId: 'BC-1' },
      { din: DIN2, donorId: DONOR, collectedAt: AT.din2, siteId: 'BC-1' },
    ]);
    const units = Object.fromEntries(
      r.units.map((u: { unitId: string }) => [u.unitId, u] as const),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(units).sort()).toEqual(
      [RED1, IRRADIATED1, PLASMA1, RED2, RED2A, RED2B, PLATELETS2, POOL].sort(),
    );
    expect(units[IRRADIATED1]).toEqual({
      unitId: IRRADIATED1,
      din: DIN1,
      sourceDins: [DIN1],
      productCode: 'E0399V00',
      productType: 'SUSPENDED_RED_CELLS',
      method: 'IRRADIATION',
      parentUnitIds: [RED1],
      preparedAt: AT.irradiated,
      expiresAt: EXPIRES,
      lifecycle: 'Transfused',
      custodianSiteId: 'HOSP-1',
      consignees: [
        {
          siteId: 'HOSP-1',
          shipmentId: shipments.irradiated,
          shipmentType: 'HOSPITAL_ISSUE',
          dispatchedAt: '2026-09-03T01:00:00.000Z',
        },
      ],
      recipients: [R1],
    });
    expect(units[RED1]).toMatchObject({ lifecycle: 'Consumed', consignees: [], recipients: [] });
    expect(units[PLASMA1]).toMatchObject({
      lifecycle: 'InTransit',
      consignees: [
        { siteId: 'HOSP-2', shipmentId: shipments.plasma, dispatchedAt: '2026-09-05T01:00:00.000Z' },
      ],
    });
    expect(units[RED2A]).toMatchObject({
      method: 'DIVISION',
      parentUnitIds: [RED2],
      lifecycle: 'Transfused',
    });
    expect(units[POOL]).toMatchObject({
      method: 'POOLING',
      sourceDins: [DIN2, OTHER],
      parentUnitIds: [PLATELETS2, PLATELETS_OTHER],
      lifecycle: 'Quarantined',
      custodianSiteId: 'BC-1',
      consignees: [],
    });
    expect(r.consignees).toEqual([
      { siteId: 'HOSP-1', unitIds: [IRRADIATED1, RED2A].sort() },
      { siteId: 'HOSP-2', unitIds: [PLASMA1, RED2B].sort() },
    ]);
    expect(r.recipients).toEqual([R1, R2, R3]);
  });

  it("lists a traceback from one recipient: the donor's donation, all its units and every other recipient of them", async () => {
    const opened = await t
      .as('laboratory')
      .post('/api/v1/investigations/tracebacks')
      .send({ patientId: 'PAT-IR-3', marker: 'HIV', reference: 'TTI report 2026-41' })
      .expect(201);
    expect(opened.body.donors).toEqual([{ donorId: DONOR, dins: [DIN2], unitIds: [RED2B] }]);
    const r = await results(opened.body.investigationId);
    expect(r.kind).toBe('TRACEBACK');
    expect(r.donations).toEqual([{ din: DIN2, donorId: DONOR, collectedAt: AT.din2, siteId: 'BC-1' }]);
    expect(r.units.map((u: { unitId: string; lifecycle: string }) => [u.unitId, u.lifecycle])).toEqual([
      [RED2, 'Consumed'],
      [RED2A, 'Transfused'],
      [RED2B, 'Transfused'],
      [PLATELETS2, 'Consumed'],
      [POOL, 'Quarantined'],
    ]);
    expect(r.recipients).toEqual([R2, R3]);
    expect(r.consignees).toEqual([
      { siteId: 'HOSP-1', unitIds: [RED2A] },
      { siteId: 'HOSP-2', unitIds: [RED2B] },
    ]);
  });

  it('lists a recall by bag lot: the units of that bag, their consignees and the recipient', async () => {
    const opened = await t
      .as('components')
      .post('/api/v1/recalls')
      .send({ attribute: 'BAG_LOT', value: `BAG-${DIN1}`, reason: 'Bag maker notice 2026-09' })
      .expect(201);
    const r = await results(opened.body.investigationId);
    expect(r.kind).toBe('RECALL');
    expect(r.donations).toEqual([{ din: DIN1, donorId: DONOR, collectedAt: AT.din1, siteId: 'BC-1' }]);
    expect(r.units.map((u: { unitId: string }) => u.unitId)).toEqual([RED1, IRRADIATED1, PLASMA1]);
    expect(r.consignees).toEqual([
      { siteId: 'HOSP-1', unitIds: [IRRADIATED1] },
      { siteId: 'HOSP-2', unitIds: [PLASMA1] },
    ]);
    expect(r.recipients).toEqual([R1]);
  });

  it("shows a hospital only its own units and patients, without donations or donors, and 404 for another's investigation", async () => {
    const lookback = (
      await t.as('quality-auditor').get(`/api/v1/investigations?donorId=${DONOR}`).expect(200)
    ).body[0];
    const mine = await results(lookback.id, 'hospital-2');
    expect(mine.scopedToSite).toBe('HOSP-2');
    expect(mine.donations).toEqual([]);
    expect(mine.units.map((u: { unitId: string; lifecycle: string }) => [u.unitId, u.lifecycle])).toEqual([
      [PLASMA1, 'InTransit'],
      [RED2B, 'Transfused'],
    ]);
    expect(mine.consignees).toEqual([{ siteId: 'HOSP-2', unitIds: [PLASMA1, RED2B] }]);
    expect(mine.recipients).toEqual([R3]);
    expect(JSON.stringify(mine)).not.toContain('PAT-IR-1');
    expect(JSON.stringify(mine)).not.toContain('PAT-IR-2');
    expect(JSON.stringify(mine)).not.toContain(DONOR);

    const recall = (await t.as('quality-auditor').get('/api/v1/investigations?kind=RECALL').expect(200))
      .body[0];
    const notification = { siteId: 'HOSP-2', channel: 'PHONE' };
    expect(recall.consigneeSiteIds).toContain(notification.siteId);
    const unknown = await t.as('quality-auditor').get('/api/v1/investigations/LB-NOPE/results').expect(404);
    expect(unknown.body.code).toBe('TRACE.INVESTIGATION_NOT_FOUND');
    const denied = await t
      .as('donor-clinic')
      .get(`/api/v1/investigations/${lookback.id}/results`)
      .expect(403);
    expect(denied.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });
  it("files the same results in the investigation report (PDF), a hospital's copy naming only its own patients", async () => {
    const lookback = (
      await t.as('quality-auditor').get(`/api/v1/investigations?donorId=${DONOR}`).expect(200)
    ).body[0];
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-report-'));
    const pdfText = async (who: string): Promise<string> => {
      const res = await t
        .as(who)
        .get(`/api/v1/investigations/${lookback.id}/report.pdf`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      writeFileSync(join(dir, `${who}.pdf`), res.body as Buffer);
      return execFileSync('pdftotext', ['-layout', join(dir, `${who}.pdf`), '-'], { encoding: 'utf8' });
    };
    try {
      const full = await pdfText('quality-auditor');
      expect(full).toContain('Donations reached (2)');
      expect(full).toContain('Units derived (8), state now');
      expect(full).toContain('Recipients transfused (3)');
      expect(full).toMatch(
        /HOSP-1\s+PAT-IR-1\s+A999926900001-E0399V00\s+2026-09-04 10:00:00 - 2026-09-04 12:30:00/,
      );
      expect(full).toMatch(
        /HOSP-2\s+PAT-IR-3\s+A999926900002-E0398VB0\s+2026-10-13 14:00:00 - 2026-10-13 15:10:00/,
      );
      const hospitalCopy = await pdfText('hospital-2');
      expect(hospitalCopy).toContain('Recipients transfused (1)');
      expect(hospitalCopy).toContain('PAT-IR-3');
      expect(hospitalCopy).not.toContain('PAT-IR-1');
      expect(hospitalCopy).not.toContain('PAT-IR-2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
