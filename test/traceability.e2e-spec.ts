import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Role } from '@hemotrace/kernel';
import { newId } from '@hemotrace/kernel';
import { verifyExportFile } from '../apps/cli/src/commands/verify-export';
import type { TestApp } from './support/test-app';
import { runRawSql, setStoredDataField } from './support/raw-store';
import { eventually, startTestApp } from './support/test-app';

const DAY = 86_400_000;
const ago = (days: number): string => new Date(Date.now() - days * DAY).toISOString();
const ahead = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

/**
 * Upstream facts appended straight to the store in the shape of the other contexts' contracts
 * (collection, laboratory, components, distribution, transfusion), so these journeys do not wait
 * for those contexts' HTTP APIs.
 */
class UpstreamFixtures {
  constructor(private readonly t: TestApp) {}

  async append(
    streamId: string,
    type: string,
    data: object,
    at: string,
    role: Role = 'laboratory',
    siteId = 'BC-1',
  ) {
    await this.t.app.get<EventStore>(EVENT_STORE).append({
      streamId,
      events: [{ type, data }],
      expectedVersion: 'any',
      metadata: {
        actor: { userId: `fixture-${role}`, role, siteId },
        correlationId: newId(),
        occurredAt: at,
      },
    });
  }

  async settle() {
    await this.t.app.get(ProjectionRunner).catchUp();
  }

  async donor(donorId: string) {
    await this.append(
      `DonorIdentity-${donorId}`,
      'DonorIdentityRecorded',
      {
        donorId,
        name: 'Secret Name',
        document: { type: 'ID_CARD', number: `X-${donorId}` },
        documentHash: `hash-${donorId}`,
        birthDate: '1990-01-01',
        sex: 'F',
        contact: { phone: '000' },
        recordedAt: ago(800),
      },
      ago(800),
      'donor-clinic',
    );
    await this.append(
      `Donor-${donorId}`,
      'DonorRegistered',
      { donorId, sex: 'F', birthDate: '1990-01-01', registeredAt: ago(800), siteId: 'BC-1' },
      ago(800),
      'donor-clinic',
    );
  }

  async donation(
    din: string,
    donorId: string,
    collectedAt: string,
    outcome: 'QUALIFIED' | 'REJECTED' | 'PENDING' = 'QUALIFIED',
    options: {
      site?: string;
      volumeMl?: number;
      groupDonation?: boolean;
      plateletDoses?: number;
      reactive?: string[];
    } = {},
  ) {
    const site = options.site ?? 'BC-1';
    await this.append(
      `Donation-${din}`,
      'DonationCompleted',
      {
        din,
        donorId,
        procedure: options.plateletDoses ? 'APHERESIS_PLATELETS' : 'WHOLE_BLOOD',
        volumeMl: options.volumeMl ?? 400,
        ...(options.plateletDoses ? { plateletDoses: options.plateletDoses } : {}),
        startedAt: collectedAt,
        endedAt: collectedAt,
        siteId: site,
        siteType: 'FIXED_SITE',
        bagLot: `BAG-${din}`,
        groupDonation: options.groupDonation ?? false,
      },
      collectedAt,
      'phlebotomist',
      site,
    );
    await this.append(
      `DonationTesting-${din}`,
      'MarkerResultRecorded',
      {
        din,
        marker: 'HIV',
        method: 'ELISA',
        reagent: { manufacturer: 'KitCo', lot: 'HIV-LOT-7' },
        interpretation: outcome === 'REJECTED' ? 'REACTIVE' : 'NON_REACTIVE',
        testedAt: collectedAt,
      },
      collectedAt,
      'laboratory',
      site,
    );
    if (outcome === 'QUALIFIED') {
      await this.append(
        `DonationTesting-${din}`,
        'DonationQualified',
        { din, donorId, bloodGroup: { abo: 'O', rhd: 'POS' }, qualifiedAt: collectedAt },
        collectedAt,
        'laboratory',
        site,
      );
    }
    if (outcome === 'REJECTED' && options.reactive) {
      await this.append(
        `DonationTesting-${din}`,
        'DonationRejected',
        { din, donorId, reactiveMarkers: options.reactive, rejectedAt: collectedAt },
        collectedAt,
        'laboratory',
        site,
      );
    }
  }

  async unit(
    unitId: string,
    din: string,
    donorId: string,
    options: {
      parents?: string[];
      sourceDins?: string[];
      method?: string;
      productType?: string;
      at: string;
      site?: string;
      status?: 'Released' | 'Quarantined';
    },
  ) {
    const productCode = unitId.slice(unitId.indexOf('-') + 1);
    await this.append(
      `Unit-${unitId}`,
      'UnitPrepared',
      {
        unitId,
        din,
        donorId,
        productCode,
        descriptionCode: productCode.slice(0, 5),
        productType: options.productType ?? 'SUSPENDED_RED_CELLS',
        volumeMl: 200,
        preparedAt: options.at,
        expiresAt: ahead(30),
        siteId: options.site ?? 'BC-1',
        parentUnitIds: options.parents ?? [],
        sourceDins: options.sourceDins ?? [din],
        method: options.method ?? 'SEPARATION',
        equipmentId: 'CENTRIFUGE-1',
        status: options.status ?? 'Released',
      },
      options.at,
      'components',
      options.site ?? 'BC-1',
    );
  }

  async ship(shipmentId: string, type: string, from: string, to: string, unitIds: string[], at: string) {
    const stream = `Shipment-${shipmentId}`;
    await this.append(
      stream,
      'ShipmentCreated',
      { shipmentId, type, fromSiteId: from, toSiteId: to, createdAt: at },
      at,
      'distribution',
      from,
    );
    await this.append(
      stream,
      'ShipmentDispatched',
      {
        shipmentId,
        type,
        fromSiteId: from,
        toSiteId: to,
        carrier: 'Van',
        coolerId: 'C1',
        temperatureC: 4,
        unitIds,
        dispatchedAt: at,
      },
      at,
      'distribution',
      from,
    );
    await this.append(
      stream,
      'ShipmentReceived',
      {
        shipmentId,
        type,
        fromSiteId: from,
        toSiteId: to,
        condition: 'INTACT',
        temperatureC: 4,
        units: unitIds.map((unitId) => ({ unitId, accepted: true })),
        receivedAt: at,
      },
      at,
      type === 'HOSPITAL_ISSUE' ? 'hospital' : 'distribution',
      to,
    );
  }

  async transfuse(unitId: string, patientId: string, at: string) {
    const stream = `Transfusion-${unitId}`;
    await this.append(
      `PatientIdentity-${patientId}`,
      'PatientIdentityRecorded',
      { patientId, name: 'Secret Patient' },
      at,
      'hospital',
      'HOSP-1',
    );
    await this.append(
      stream,
      'CrossmatchPerformed',
      { unitId, patientId, result: 'COMPATIBLE', at },
      at,
      'hospital',
      'HOSP-1',
    );
    await this.append(stream, 'BedsideCheckPassed', { unitId, patientId, at }, at, 'hospital', 'HOSP-1');
    await this.append(
      stream,
      'UnitTransfused',
      { unitId, patientId, startedAt: at, endedAt: at },
      at,
      'hospital',
      'HOSP-1',
    );
  }
}

const DIN1 = 'A999926100001';
const DIN2 = 'A999926100002';
const POOL = 'A999926100003';
const U1 = `${DIN1}-E3077V00`;
const U2 = `${DIN2}-E3077V00`;
const POOLED = `${POOL}-E4028V00`;
const IRRADIATED = `${POOL}-E4029V00`;

describe('traceability: vein-to-vein traces, integrity and investigations', () => {
  let t: TestApp;
  let fx: UpstreamFixtures;

  beforeAll(async () => {
    t = await startTestApp();
    fx = new UpstreamFixtures(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the trace of a pooled, irradiated, transferred and transfused unit', () => {
    let beforeTransfusion: string;

    beforeAll(async () => {
      await fx.donor('donor-a');
      await fx.donor('donor-b');
      await fx.donation(DIN1, 'donor-a', ago(5));
      await fx.donation(DIN2, 'donor-b', ago(5));
      await fx.unit(U1, DIN1, 'donor-a', { at: ago(5), productType: 'PLATELET_CONCENTRATE' });
      await fx.unit(U2, DIN2, 'donor-b', { at: ago(5), productType: 'PLATELET_CONCENTRATE' });
      await fx.unit(POOLED, POOL, 'donor-a', {
        at: ago(4),
        parents: [U1, U2],
        sourceDins: [DIN1, DIN2],
        method: 'POOLING',
        productType: 'POOLED_PLATELETS',
      });
      await fx.unit(IRRADIATED, POOL, 'donor-a', {
        at: ago(4),
        parents: [POOLED],
        sourceDins: [DIN1, DIN2],
        method: 'IRRADIATION',
        productType: 'POOLED_PLATELETS',
      });
      await fx.ship('S-TRANSFER-1', 'CENTER_TRANSFER', 'BC-1', 'BC-2', [IRRADIATED], ago(3));
      await fx.ship('S-ISSUE-1', 'HOSPITAL_ISSUE', 'BC-2', 'HOSP-1', [IRRADIATED], ago(2));
      await new Promise((r) => setTimeout(r, 20));
      beforeTransfusion = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 20));
      await fx.transfuse(IRRADIATED, 'PAT-1', ago(1));
      await fx.settle();
    });

    it('reaches both donors and the patient, with who, when, where, why and the hash of every event', async () => {
      const res = await t.as('quality-auditor').get(`/api/v1/trace/units/${IRRADIATED}`).expect(200);
      const trace = res.body;
      expect(trace.lineage.donors).toEqual(['donor-a', 'donor-b']);
      expect(trace.lineage.donations).toEqual(expect.arrayContaining([DIN1, DIN2]));
      expect(trace.lineage.units).toEqual(expect.arrayContaining([U1, U2, POOLED, IRRADIATED]));
      expect(trace.lineage.shipments).toEqual(['S-ISSUE-1', 'S-TRANSFER-1']);
      expect(trace.lineage.consignees).toEqual(['BC-2', 'HOSP-1']);
      expect(trace.lineage.patients).toEqual(['PAT-1']);
      const types = trace.events.map((e: { type: string }) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'DonorRegistered',
          'DonationCompleted',
          'MarkerResultRecorded',
          'UnitPrepared',
          'ShipmentDispatched',
          'CrossmatchPerformed',
          'BedsideCheckPassed',
          'UnitTransfused',
        ]),
      );
      const marker = trace.events.find((e: { type: string }) => e.type === 'MarkerResultRecorded');
      expect(marker).toMatchObject({
        who: { userId: 'fixture-laboratory', role: 'laboratory' },
        where: 'BC-1',
        data: { reagent: { lot: 'HIV-LOT-7' } },
      });
      expect(marker.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(marker.why).toHaveProperty('correlationId');
      expect(trace.streams.some((s: string) => s.includes('Identity-'))).toBe(false);
      expect(JSON.stringify(trace)).not.toContain('Secret');
      expect(trace.integrity).toMatchObject({ ok: true, findings: [] });
    });

    it('traces a donation forward, a donor forward and a patient back through the pool', async () => {
      const byDin = (await t.as('quality-auditor').get(`/api/v1/trace/donations/${DIN2}`).expect(200)).body;
      expect(byDin.lineage.patients).toEqual(['PAT-1']);
      expect(byDin.lineage.donors).toEqual(['donor-b']);
      const forward = (await t.as('laboratory').get('/api/v1/trace/donors/donor-a').expect(200)).body;
      expect(forward.lineage.units).toEqual(expect.arrayContaining([U1, POOLED, IRRADIATED]));
      expect(forward.lineage.consignees).toEqual(['BC-2', 'HOSP-1']);
      const back = (await t.as('quality-auditor').get('/api/v1/trace/patients/PAT-1').expect(200)).body;
      expect(back.lineage.donors).toEqual(['donor-a', 'donor-b']);
      expect(back.lineage.donations).toEqual(expect.arrayContaining([DIN1, DIN2]));
    });

    it('as of an earlier instant hides what was recorded later', async () => {
      const res = await t
        .as('quality-auditor')
        .get(`/api/v1/trace/units/${IRRADIATED}?asOf=${encodeURIComponent(beforeTransfusion)}`)
        .expect(200);
      expect(res.body.asOf).toBe(beforeTransfusion);
      expect(res.body.lineage.patients).toEqual([]);
      const types = res.body.events.map((e: { type: string }) => e.type);
      expect(types).not.toContain('UnitTransfused');
      expect(types).toContain('ShipmentReceived');
      expect(res.body.events.every((e: { recordedAt: string }) => e.recordedAt <= beforeTransfusion)).toBe(
        true,
      );
      expect(res.body.integrity.ok).toBe(true);
    });

    it('refuses the wrong role, an unknown unit, a malformed unit id and a malformed asOf', async () => {
      expect(
        (await t.as('phlebotomist').get(`/api/v1/trace/units/${IRRADIATED}`).expect(403)).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
      expect(
        (await t.as('quality-auditor').get('/api/v1/trace/units/A999926999999-E0398V00').expect(404)).body
          .code,
      ).toBe('TRACE.UNIT_NOT_FOUND');
      expect(
        (await t.as('quality-auditor').get('/api/v1/trace/units/not-a-unit').expect(400)).body.code,
      ).toBe('ISBT.INVALID_UNIT_ID');
      expect(
        (await t.as('quality-auditor').get(`/api/v1/trace/units/${IRRADIATED}?asOf=yesterday`).expect(400))
          .body.code,
      ).toBe('TRACE.INVALID_AS_OF');
    });

    it('exports a trace that verifies offline, and detects a changed, deleted or reordered stored row', async () => {
      const exported = (
        await t.as('quality-auditor').get(`/api/v1/trace/units/${IRRADIATED}/export`).expect(200)
      ).body;
      expect(exported.format).toBe('hemotrace.trace-export');
      const file = join(t.config.dataDir, 'trace.json');
      writeFileSync(file, JSON.stringify(exported));
      expect(verifyExportFile(file)).toMatchObject({ ok: true });

      const altered = JSON.parse(readFileSync(file, 'utf8'));
      const donation = altered.streams.find((s: { streamId: string }) => s.streamId === `Donation-${DIN1}`);
      donation.events[0].data.volumeMl = 450;
      writeFileSync(file, JSON.stringify(altered));
      const offline = verifyExportFile(file);
      expect(offline.ok).toBe(false);
      expect(offline.findings[0]).toMatchObject({ problem: 'HASH_MISMATCH', streamId: `Donation-${DIN1}` });

      const testing = `DonationTesting-${DIN2}`;
      await runRawSql(t, [
        {
          sql: `UPDATE events SET ${setStoredDataField(t, 'volumeMl', 999)} WHERE stream_id = ?`,
          params: [`Donation-${DIN1}`],
        },
        {
          sql: 'DELETE FROM events WHERE stream_id = ? AND stream_version = 1',
          params: [`Transfusion-${IRRADIATED}`],
        },
        {
          sql: 'DELETE FROM events WHERE stream_id = ? AND stream_version = (SELECT max(stream_version) FROM events WHERE stream_id = ?)',
          params: ['Shipment-S-ISSUE-1', 'Shipment-S-ISSUE-1'],
        },
        {
          sql: 'UPDATE events SET stream_version = -1 WHERE stream_id = ? AND stream_version = 1',
          params: [testing],
        },
        {
          sql: 'UPDATE events SET stream_version = 1 WHERE stream_id = ? AND stream_version = 2',
          params: [testing],
        },
        {
          sql: 'UPDATE events SET stream_version = 2 WHERE stream_id = ? AND stream_version = -1',
          params: [testing],
        },
      ]);
      const trace = (await t.as('quality-auditor').get(`/api/v1/trace/units/${IRRADIATED}`).expect(200)).body;
      expect(trace.integrity.ok).toBe(false);
      const problems = trace.integrity.findings.map(
        (f: { streamId: string; problem: string }) => `${f.streamId} ${f.problem}`,
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          `Donation-${DIN1} HASH_MISMATCH`,
          `Transfusion-${IRRADIATED} VERSION_GAP`,
          `Shipment-S-ISSUE-1 MISSING_EVENTS`,
          `DonationTesting-${DIN2} HASH_MISMATCH`,
        ]),
      );
      const tamperedExport = (
        await t.as('quality-auditor').get(`/api/v1/trace/units/${IRRADIATED}/export`).expect(200)
      ).body;
      writeFileSync(file, JSON.stringify(tamperedExport));
      expect(verifyExportFile(file).ok).toBe(false);
    });
  });

  describe('a donor lookback', () => {
    const D = 'donor-lb';
    const OLD = 'A999926200001';
    const LAST = 'A999926200002';
    const POSITIVE = 'A999926200003';
    const RED = `${LAST}-E0398V00`;
    const PLASMA = `${LAST}-E0869V00`;
    const PLATELETS = `${LAST}-E3077V00`;
    const OLD_RED = `${OLD}-E0398V00`;
    let investigationId: string;
    const CONFIRMED_AT = ago(0.5);

    beforeAll(async () => {
      await fx.donor(D);
      await fx.donation(OLD, D, ago(600));
      await fx.unit(OLD_RED, OLD, D, { at: ago(600) });
      await fx.ship('S-OLD', 'HOSPITAL_ISSUE', 'BC-1', 'HOSP-3', [OLD_RED], ago(599));
      await fx.donation(LAST, D, ago(120));
      await fx.unit(RED, LAST, D, { at: ago(120) });
      await fx.unit(PLASMA, LAST, D, { at: ago(120), productType: 'FRESH_FROZEN_PLASMA' });
      await fx.unit(PLATELETS, LAST, D, { at: ago(120), productType: 'PLATELET_CONCENTRATE' });
      await fx.ship('S-LB-1', 'HOSPITAL_ISSUE', 'BC-1', 'HOSP-1', [PLATELETS], ago(119));
      await fx.ship('S-LB-2', 'HOSPITAL_ISSUE', 'BC-1', 'HOSP-2', [PLASMA], ago(100));
      await fx.transfuse(PLATELETS, 'PAT-LB', ago(118));
      await fx.donation(POSITIVE, D, ago(1), 'REJECTED');
      await fx.append(
        `DonationTesting-${POSITIVE}`,
        'DonorConfirmedPositive',
        { din: POSITIVE, donorId: D, marker: 'HIV', confirmedAt: CONFIRMED_AT },
        CONFIRMED_AT,
      );
      await fx.settle();
      const opened = await eventually(async () => {
        const res = await t.as('quality-auditor').get(`/api/v1/investigations?donorId=${D}`).expect(200);
        expect(res.body).toHaveLength(1);
        return res.body[0];
      });
      investigationId = opened.id;
    });

    it('opens by itself on a confirmed positive, names the right hospitals with a deadline and quarantines the unit in stock', async () => {
      const view = (await t.as('laboratory').get(`/api/v1/investigations/${investigationId}`).expect(200))
        .body;
      expect(view).toMatchObject({ kind: 'LOOKBACK', status: 'Open', donorId: D, donations: [LAST] });
      expect(view.consignees.map((c: { siteId: string }) => c.siteId)).toEqual(['HOSP-1', 'HOSP-2']);
      expect(view.consignees[0].unitIds).toEqual([PLATELETS]);
      expect(Date.parse(view.consignees[0].dueBy) - Date.parse(CONFIRMED_AT)).toBe(3 * DAY);
      expect(view.quarantineRequested).toEqual([RED]);
      await eventually(async () => {
        const unit = (await t.as('quality-auditor').get(`/api/v1/streams/Unit-${RED}/events`).expect(200))
          .body;
        expect(unit.events.at(-1)).toMatchObject({
          type: 'UnitQuarantined',
          data: { reason: 'RECALL', holdId: investigationId },
        });
      });
      const plasma = (await t.as('quality-auditor').get(`/api/v1/streams/Unit-${PLASMA}/events`).expect(200))
        .body;
      expect(plasma.events.map((e: { type: string }) => e.type)).not.toContain('UnitQuarantined');
    });

    it('shows the deadline as overdue only once it has passed, and records notification, acknowledgement and closure', async () => {
      const overdueNow = (
        await t.as('quality-auditor').get('/api/v1/investigations?overdue=true').expect(200)
      ).body;
      expect(overdueNow.map((i: { id: string }) => i.id)).not.toContain(investigationId);

      const path = `/api/v1/investigations/${investigationId}`;
      const refused = await t
        .as('laboratory')
        .post(`${path}/closure`)
        .send({ conclusion: 'Too early' })
        .expect(422);
      expect(refused.body.code).toBe('TRACE.CONSIGNEES_OUTSTANDING');
      const before = (
        await t
          .as('quality-auditor')
          .get(`/api/v1/streams/Investigation-${investigationId}/events`)
          .expect(200)
      ).body.version;

      const invalid = await t
        .as('distribution')
        .post(`${path}/consignee-notifications`)
        .send({ siteId: 'HOSP-1', channel: 'PIGEON' })
        .expect(400);
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('channel');
      expect(
        (
          await t
            .as('quality-auditor')
            .post(`${path}/consignee-notifications`)
            .send({ siteId: 'HOSP-1', channel: 'PHONE' })
            .expect(403)
        ).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
      expect(
        (
          await t
            .as('distribution')
            .post('/api/v1/investigations/LB-none/consignee-notifications')
            .send({ siteId: 'HOSP-1', channel: 'PHONE' })
            .expect(404)
        ).body.code,
      ).toBe('TRACE.INVESTIGATION_NOT_FOUND');
      expect(
        (
          await t
            .as('distribution')
            .post(`${path}/consignee-notifications`)
            .send({ siteId: 'HOSP-9', channel: 'PHONE' })
            .expect(422)
        ).body.code,
      ).toBe('TRACE.NOT_A_CONSIGNEE');
      expect(
        (
          await t
            .as('quality-auditor')
            .get(`/api/v1/streams/Investigation-${investigationId}/events`)
            .expect(200)
        ).body.version,
      ).toBe(before);

      for (const siteId of ['HOSP-1', 'HOSP-2']) {
        await t
          .as('distribution')
          .post(`${path}/consignee-notifications`)
          .send({ siteId, channel: 'PHONE', reference: 'call-1' })
          .expect(201);
      }
      expect(
        (
          await t
            .as('hospital')
            .post(`${path}/consignee-acknowledgements`)
            .send({ siteId: 'HOSP-2' })
            .expect(403)
        ).body.code,
      ).toBe('TRACE.NOT_YOUR_SITE');
      await t
        .as('hospital')
        .post(`${path}/consignee-acknowledgements`)
        .send({ siteId: 'HOSP-1' })
        .expect(201);
      await t
        .as('hospital')
        .post(`${path}/recipient-notifications`)
        .send({ siteId: 'HOSP-1', unitId: PLATELETS, outcome: 'NOTIFIED' })
        .expect(201);
      await t
        .as('distribution')
        .post(`${path}/consignee-acknowledgements`)
        .send({ siteId: 'HOSP-2' })
        .expect(201);
      await t
        .as('laboratory')
        .post(`${path}/closure`)
        .send({ conclusion: 'Recipients notified and tested' })
        .expect(201);
      const view = (await t.as('hospital').get(path).expect(200)).body;
      expect(view).toMatchObject({
        status: 'Closed',
        recipientNotifications: [{ unitId: PLATELETS, outcome: 'NOTIFIED' }],
      });
    });

    it('lists an open investigation whose deadline passed as overdue (a lookback recorded after the fact)', async () => {
      await fx.donor('donor-late');
      await fx.donation('A999926300001', 'donor-late', ago(30));
      await fx.unit('A999926300001-E0398V00', 'A999926300001', 'donor-late', { at: ago(30) });
      await fx.ship('S-LATE', 'HOSPITAL_ISSUE', 'BC-1', 'HOSP-4', ['A999926300001-E0398V00'], ago(29));
      await fx.donation('A999926300002', 'donor-late', ago(1), 'REJECTED');
      await fx.settle();
      const opened = await t
        .as('laboratory')
        .post('/api/v1/investigations/lookbacks')
        .set('Idempotency-Key', 'late-lookback-1')
        .send({ donorId: 'donor-late', marker: 'HCV', din: 'A999926300002', openedAt: ago(5) })
        .expect(201);
      const id = opened.body.investigationId;
      const overdue = (await t.as('quality-auditor').get('/api/v1/investigations?overdue=true').expect(200))
        .body;
      expect(overdue.map((i: { id: string }) => i.id)).toContain(id);
      expect(
        (
          await t
            .as('laboratory')
            .post('/api/v1/investigations/lookbacks')
            .send({ donorId: 'donor-late', marker: 'HCV', openedAt: ahead(1) })
            .expect(400)
        ).body.code,
      ).toBe('TRACE.OPENED_IN_FUTURE');
      expect(
        (
          await t
            .as('laboratory')
            .post('/api/v1/investigations/lookbacks')
            .send({ donorId: 'donor-late', marker: 'SYPHILIS' })
            .expect(422)
        ).body.code,
      ).toBe('TRACE.MARKER_NOT_SUBJECT_TO_LOOKBACK');
    });
  });

  describe('traceback and recall', () => {
    it('traces a suspected infection back to every donor and flags them for recall testing', async () => {
      await fx.append(
        `Transfusion-${IRRADIATED}-report`,
        'TransfusionTransmittedInfectionSuspected',
        { patientId: 'PAT-1', unitIds: [IRRADIATED], marker: 'HBV', reportId: 'HV-1' },
        ago(0),
        'hospital',
        'HOSP-1',
      );
      await fx.settle();
      const found = await eventually(async () => {
        const res = await t.as('quality-auditor').get('/api/v1/investigations?patientId=PAT-1').expect(200);
        expect(res.body).toHaveLength(1);
        return res.body[0];
      });
      expect(found).toMatchObject({ kind: 'TRACEBACK', donorsFlagged: ['donor-a', 'donor-b'] });
    });

    it('recalls every unit a reagent lot touched under one decision, and refuses bad criteria', async () => {
      const res = await t
        .as('laboratory')
        .post('/api/v1/recalls')
        .send({ attribute: 'REAGENT_LOT', value: 'HIV-LOT-7', reason: 'Manufacturer notice 2026-17' })
        .expect(201);
      expect(res.body.units).toEqual(expect.arrayContaining([U1, U2, POOLED, IRRADIATED]));
      const bad = await t
        .as('laboratory')
        .post('/api/v1/recalls')
        .send({ attribute: 'MOON_PHASE', reason: 'x' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['attribute', 'reason']),
      );
      expect(
        (
          await t
            .as('laboratory')
            .post('/api/v1/recalls')
            .send({ attribute: 'SITE_PERIOD', reason: 'Audit finding' })
            .expect(400)
        ).body.code,
      ).toBe('TRACE.INVALID_RECALL_CRITERIA');
      expect(
        (
          await t
            .as('laboratory')
            .post('/api/v1/recalls')
            .send({ attribute: 'BAG_LOT', value: 'NO-SUCH-LOT', reason: 'Bag recall' })
            .expect(422)
        ).body.code,
      ).toBe('TRACE.RECALL_MATCHES_NOTHING');
      expect(
        (
          await t
            .as('quality-auditor')
            .post('/api/v1/recalls')
            .send({ attribute: 'BAG_LOT', value: 'x', reason: 'Bag recall' })
            .expect(403)
        ).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
    });
  });

  describe('the automated internal audit', () => {
    const UNTESTED = 'A999926400001';
    const LATE = 'A999926400002';
    const HELD = 'A999926400003';
    beforeAll(async () => {
      await fx.donor('donor-audit');
      await fx.donation(UNTESTED, 'donor-audit', ago(9), 'PENDING', { site: 'BC-A' });
      await fx.unit(`${UNTESTED}-E0398V00`, UNTESTED, 'donor-audit', {
        at: ago(9),
        site: 'BC-A',
        status: 'Quarantined',
      });
      await fx.append(
        `Unit-${UNTESTED}-E0398V00`,
        'UnitReleased',
        { unitId: `${UNTESTED}-E0398V00`, releasedAt: ago(8), cause: { type: 'MANUAL' } },
        ago(8),
        'components',
        'BC-A',
      );
      await fx.ship('S-AUDIT-1', 'HOSPITAL_ISSUE', 'BC-A', 'HOSP-1', [`${UNTESTED}-E0398V00`], ago(8));
      await fx.append(
        `TransfusionRequest-R-AUDIT`,
        'UnitTransfused',
        {
          requestId: 'R-AUDIT',
          patientId: 'PAT-AUDIT',
          hospitalSiteId: 'HOSP-1',
          unitId: `${UNTESTED}-E0398V00`,
          startedAt: ago(7),
          endedAt: ago(7),
        },
        ago(7),
        'hospital',
        'HOSP-1',
      );
      await fx.donation(LATE, 'donor-audit', ago(6), 'QUALIFIED', { site: 'BC-A' });
      await fx.unit(`${LATE}-E0869V00`, LATE, 'donor-audit', {
        at: new Date(Date.parse(ago(6)) + 10 * 3_600_000).toISOString(),
        productType: 'FRESH_FROZEN_PLASMA',
        site: 'BC-A',
      });
      await fx.donation(HELD, 'donor-audit', ago(5), 'QUALIFIED', { site: 'BC-A' });
      await fx.unit(`${HELD}-E0398V00`, HELD, 'donor-audit', { at: ago(5), site: 'BC-A' });
      await fx.append(
        `Unit-${HELD}-E0398V00`,
        'UnitQuarantined',
        {
          unitId: `${HELD}-E0398V00`,
          holdId: 'EXC-1',
          reason: 'TEMPERATURE_EXCURSION',
          quarantinedAt: ago(4),
        },
        ago(4),
        'components',
        'BC-A',
      );
      await fx.ship('S-AUDIT-2', 'HOSPITAL_ISSUE', 'BC-A', 'HOSP-1', [`${HELD}-E0398V00`], ago(3));
      await fx.settle();
    });

    it('lists each finding of a period and site with the events that prove it', async () => {
      const res = await t
        .as('quality-auditor')
        .get(`/api/v1/audit/findings?from=${ago(30)}&to=${ahead(1)}&siteId=BC-A`)
        .expect(200);
      const rules = res.body.findings.map((f: { rule: string; unitId: string }) => `${f.rule} ${f.unitId}`);
      expect(rules).toEqual(
        expect.arrayContaining([
          `RELEASED_WITHOUT_CONFIRMED_ABO_RHD ${UNTESTED}-E0398V00`,
          `ISSUED_WITHOUT_QUALIFYING_TEST ${UNTESTED}-E0398V00`,
          `PREPARED_PAST_TIME_LIMIT ${LATE}-E0869V00`,
          `ISSUED_AFTER_EXCURSION_WITHOUT_DECISION ${HELD}-E0398V00`,
        ]),
      );
      expect(rules.some((r: string) => r.includes('TRANSFUSED_WITHOUT_BEDSIDE_CHECK'))).toBe(false);
      const late = res.body.findings.find((f: { rule: string }) => f.rule === 'PREPARED_PAST_TIME_LIMIT');
      expect(late.details).toMatchObject({ limitHours: 6, hoursAfterCollection: 10 });
      const proof = (
        await t.as('quality-auditor').get(`/api/v1/streams/Unit-${LATE}-E0869V00/events`).expect(200)
      ).body.events[0].eventId;
      expect(late.eventIds).toContain(proof);

      const hospital = (
        await t
          .as('quality-auditor')
          .get(`/api/v1/audit/findings?from=${ago(30)}&to=${ahead(1)}&siteId=HOSP-1`)
          .expect(200)
      ).body;
      expect(hospital.byRule).toMatchObject({
        TRANSFUSED_WITHOUT_BEDSIDE_CHECK: 1,
        ISSUED_WITHOUT_CROSSMATCH: 1,
      });
      const earlier = (
        await t
          .as('quality-auditor')
          .get(`/api/v1/audit/findings?from=${ago(60)}&to=${ago(30)}&siteId=BC-A`)
          .expect(200)
      ).body;
      expect(earlier.total).toBe(0);
      expect(
        (await t.as('quality-auditor').get('/api/v1/audit/findings?from=soon&to=later').expect(400)).body
          .code,
      ).toBe('TRACE.INVALID_PERIOD');
      expect(
        (
          await t
            .as('laboratory')
            .get(`/api/v1/audit/findings?from=${ago(30)}&to=${ahead(1)}`)
            .expect(403)
        ).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
    });
  });

  describe('quality indicators', () => {
    beforeAll(async () => {
      await fx.donor('donor-q');
      await fx.donation('A999926500000', 'donor-q', ago(15), 'QUALIFIED', { site: 'BC-Q', volumeMl: 200 });
      await fx.donation('A999926500001', 'donor-q', ago(9), 'QUALIFIED', {
        site: 'BC-Q',
        groupDonation: true,
      });
      await fx.donation('A999926500002', 'donor-q', ago(8), 'REJECTED', { site: 'BC-Q', reactive: ['HBV'] });
      await fx.donation('A999926500003', 'donor-q', ago(7), 'QUALIFIED', {
        site: 'BC-Q',
        volumeMl: 250,
        plateletDoses: 2,
      });
      const red = 'A999926500001-E0398V00';
      await fx.unit(red, 'A999926500001', 'donor-q', { at: ago(9), site: 'BC-Q', status: 'Quarantined' });
      await fx.append(
        `Unit-${red}`,
        'UnitReleased',
        {
          unitId: red,
          releasedAt: new Date(Date.parse(ago(9)) + 24 * 3_600_000).toISOString(),
          cause: { type: 'DonationQualified' },
        },
        ago(8),
        'components',
        'BC-Q',
      );
      await fx.unit('A999926500001-E0869V00', 'A999926500001', 'donor-q', {
        at: ago(9),
        site: 'BC-Q',
        productType: 'FRESH_FROZEN_PLASMA',
      });
      await fx.append(
        'Unit-A999926500001-E0869V00',
        'UnitDiscarded',
        { unitId: 'A999926500001-E0869V00', reason: 'DAMAGED', discardedAt: ago(6) },
        ago(6),
        'components',
        'BC-Q',
      );
      await fx.unit('A999926500003-E3077V00', 'A999926500003', 'donor-q', {
        at: ago(7),
        site: 'BC-Q',
        productType: 'APHERESIS_PLATELETS',
      });
      await fx.append(
        'Unit-A999926500003-E3077V00',
        'UnitExpired',
        { unitId: 'A999926500003-E3077V00', expiresAt: ago(2), expiredAt: ago(2) },
        ago(2),
        'components',
        'BC-Q',
      );
      await fx.append(
        'Shipment-S-Q',
        'UnitPacked',
        {
          shipmentId: 'S-Q',
          unitId: red,
          productCode: 'E0398V00',
          productType: 'SUSPENDED_RED_CELLS',
          category: 'RED_CELLS',
          volumeMl: 400,
          bloodUnits: 2,
          expiresAt: ahead(30),
          packedAt: ago(5),
        },
        ago(5),
        'distribution',
        'BC-Q',
      );
      await fx.ship('S-Q', 'EMERGENCY_TRANSFER', 'BC-Q', 'BC-R', [red], ago(5));
      await fx.settle();
    });

    it('computes the indicators of a period and site from daily counters, with growth on the previous period', async () => {
      const q = (
        await t
          .as('quality-auditor')
          .get(`/api/v1/quality/indicators?from=${ago(10)}&to=${ahead(1)}&siteId=BC-Q`)
          .expect(200)
      ).body;
      expect(q.donations).toEqual({ count: 3, previous: 1, growth: 2 });
      expect(q.volumeMl.total).toBe(1050);
      expect(q.groupDonationShare).toBeCloseTo(1 / 3, 3);
      expect(q.plateletDosesCollected).toBe(2);
      expect(q.reactiveRateByMarker.HBV).toBeCloseTo(1 / 3, 3);
      expect(q.discards).toEqual({
        total: 2,
        rate: expect.closeTo(2 / 3, 3),
        byReason: { DAMAGED: 1, EXPIRED: 1 },
      });
      expect(q.expiryWastage.units).toBe(1);
      expect(q.collectionToReleaseHours).toEqual({ average: 24, releases: 1 });
      const none = { shipments: 0, units: 0, redCellUnits: 0, plateletDoses: 0 };
      const sent = { shipments: 1, units: 1, redCellUnits: 2, plateletDoses: 0 };
      expect(q.transfers).toEqual([{ partner: 'BC-R', in: none, out: sent, inTransit: none }]);
      const partner = (
        await t
          .as('quality-auditor')
          .get(`/api/v1/quality/indicators?from=${ago(10)}&to=${ahead(1)}&siteId=BC-R`)
          .expect(200)
      ).body;
      expect(partner.transfers).toEqual([{ partner: 'BC-Q', in: sent, out: none, inTransit: none }]);
      expect(
        (
          await t
            .as('hospital')
            .get(`/api/v1/quality/indicators?from=${ago(10)}&to=${ahead(1)}`)
            .expect(403)
        ).body.code,
      ).toBe('AUTH.ROLE_NOT_ALLOWED');
    });
  });
});
