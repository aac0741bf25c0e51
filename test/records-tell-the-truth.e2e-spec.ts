import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpirySweepScheduler } from '@hemotrace/components/tooling';
import type { EventStore, ReadModelStore, RecordedEvent } from '@hemotrace/event-sourcing';
import { EVENT_STORE, LOG_START, ProjectionRunner, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { DEAD_LETTERS } from '@hemotrace/messaging';
import { addDays } from '@hemotrace/kernel';
import { auditConsistency } from '@hemotrace/traceability/tooling';
import { buildProgram } from '../apps/cli/src/main';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';
import { bloodCenter, hospital, registerSites } from './fixtures/sites.fixtures';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

const DAY = 86_400_000;

const allEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let checkpoint = LOG_START; ;) {
    const batch = await store.readAll(checkpoint, 5000);
    events.push(...batch.events);
    if (batch.events.length === 0 || batch.checkpoint === checkpoint) return events;
    checkpoint = batch.checkpoint;
  }
};

/** Every reaction has run and the expiry sweep has nothing left to do. */
const settle = async (t: TestApp): Promise<void> => {
  const runner = t.app.get(ProjectionRunner);
  const sweep = t.app.get(ExpirySweepScheduler);
  for (;;) {
    await runner.catchUp();
    const outcome = await sweep.tick();
    if (outcome === 'skipped') continue;
    await runner.catchUp();
    if (outcome.expired.length === 0) return;
  }
};

/** The real command line, in process; its exit code. */
const cli = async (...args: string[]): Promise<number> => {
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  process.exitCode = undefined;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'hemotrace', ...args]);
    return Number(process.exitCode ?? 0);
  } finally {
    process.exitCode = undefined;
    quiet.mockRestore();
  }
};

describe('replaying adds nothing: the demo dataset, then the server started on it twice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-demo-'));
    await cli('demo', '--donations', '24', '--dir', dir);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records nothing new on start and restart except the expiries time itself causes, and the audit finds nothing', async () => {
    const start = () =>
      startTestApp({ store: 'sqlite', env: { HEMOTRACE_DATA_DIR: dir, HEMOTRACE_EXPIRY_SWEEP_MS: '0' } });
    let t = await start();
    const store = () => t.app.get<EventStore>(EVENT_STORE);
    const demo = await allEvents(store());
    const dispatched = demo
      .filter((e) => e.type === 'ShipmentDispatched')
      .flatMap((e) => (e.data as { unitIds: string[] }).unitIds);
    expect(dispatched.length).toBeGreaterThan(10);
    expect(demo.filter((e) => e.type === 'UnitShipped').length).toBe(dispatched.length);
    expect(demo.filter((e) => e.type === 'UnitTransfusionRecorded').length).toBe(
      demo.filter((e) => e.type === 'UnitTransfused').length,
    );
    expect(auditConsistency(demo)).toEqual([]);

    await settle(t);
    expect(await t.app.get<ReadModelStore>(READ_MODEL_STORE).count(DEAD_LETTERS)).toBe(0);
    const afterFirstStart = await allEvents(store());
    const added = afterFirstStart.slice(demo.length);
    expect([...new Set(added.map((e) => e.type))]).toEqual(added.length > 0 ? ['UnitExpired'] : []);
    const transfused = new Set(
      demo.filter((e) => e.type === 'UnitTransfused').map((e) => (e.data as { unitId: string }).unitId),
    );
    for (const expired of added) {
      const { unitId, expiresAt } = expired.data as { unitId: string; expiresAt: string };
      expect(transfused.has(unitId)).toBe(false);
      expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.parse(expired.occurredAt));
    }

    /* Every reactor from position 0, as under a new processor name. */
    const runner = t.app.get(ProjectionRunner);
    for (const name of runner.names.filter((n) => n.startsWith('reactor:'))) await runner.rebuild(name);
    await settle(t);
    expect((await allEvents(store())).length).toBe(afterFirstStart.length);
    await t.close();

    t = await start();
    await settle(t);
    const afterRestart = await allEvents(store());
    expect(afterRestart.length).toBe(afterFirstStart.length);
    expect(auditConsistency(afterRestart)).toEqual([]);
    await t.close();
    expect(await cli('audit-consistency', '--store', 'sqlite', '--dir', dir)).toBe(0);
  }, 120_000);
});

describe('one unit, one lifecycle: a transfused unit is never expired', () => {
  let t: TestApp;
  /** Reactions and the expiry sweep read this clock; tests move it forward. */
  let offsetMs = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date(Date.now() + offsetMs) } });
    await registerSites(t.as('admin'), [bloodCenter('BC-1'), hospital('HOSP-1'), hospital('HOSP-2')]);
  });

  afterAll(async () => {
    await t.close();
  });

  const lab = (din: string, step: string) => `/api/v1/laboratory/donations/${din}/${step}`;
  const elisa = (marker: string, manufacturer: string, testedAt: string) => ({
    marker,
    method: 'ELISA',
    reagent: { manufacturer, lot: `${manufacturer.toUpperCase()}-${marker}-LC` },
    instrument: 'FAME-24/20',
    value: 0.2,
    interpretation: 'NON_REACTIVE',
    testedAt,
    lateEntryReason: 'Paper record entered after the session',
  });

  it('issues, receives and transfuses a unit collected days ago; the sweep past its expiry records nothing for it and inventory, hospital stock and trace say transfused', async () => {
    const endedAt = new Date(Math.floor((Date.now() - 3 * DAY) / 60_000) * 60_000).toISOString();
    const at = (hours: number) => new Date(Date.parse(endedAt) + hours * 3_600_000).toISOString();
    const din = 'A999927900001';

    const registered = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Zhang Min',
        document: { type: 'RESIDENT_ID_CARD', number: 'LC0000001' },
        birthDate: '1988-02-01',
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
    await t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .send({
        din,
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: 'BAG-LC-01',
        startedAt: at(-0.2),
        lateEntryReason: 'Paper donation record entered after the session',
      })
      .expect(201);
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({
        volumeMl: 402,
        startedAt: at(-0.2),
        endedAt,
        lateEntryReason: 'Paper donation record entered after the session',
      })
      .expect(200);
    const prepared = await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-1', preparedAt: at(3) })
      .expect(201);
    const unitId = (prepared.body.unitId as string | undefined) ?? `${din}-E0398V00`;

    await t
      .as('laboratory')
      .post(lab(din, 'sample-receipts'))
      .send({
        labSiteId: 'BC-1',
        labType: 'CENTRAL_LAB',
        transportMinutes: 40,
        condition: 'ACCEPTABLE',
        receivedAt: at(2),
        lateEntryReason: 'Paper record entered after the session',
      })
      .expect(201);
    for (let i = 0; i < 2; i++) {
      await t
        .as('laboratory')
        .post(lab(din, 'blood-group-determinations'))
        .send({
          forward: 'O',
          reverse: 'O',
          rhd: 'POS',
          method: 'MICROPLATE',
          reagentLot: 'ABO-LC',
          determinedAt: at(4),
          lateEntryReason: 'Paper record entered after the session',
        })
        .expect(201);
    }
    await t
      .as('laboratory')
      .post(lab(din, 'antibody-screens'))
      .send({
        result: 'NEGATIVE',
        method: 'MICROPLATE',
        reagentLot: 'SCR-LC',
        testedAt: at(4),
        lateEntryReason: 'Paper record entered after the session',
      })
      .expect(201);
    for (const m of ['HIV', 'HBV', 'HCV']) {
      await t
        .as('laboratory')
        .post(lab(din, 'marker-results'))
        .send(elisa(m, 'Wantai', at(5)))
        .expect(201);
      await t
        .as('laboratory')
        .post(lab(din, 'marker-results'))
        .send(elisa(m, 'Kehua', at(5)))
        .expect(201);
    }
    await t
      .as('laboratory')
      .post(lab(din, 'marker-results'))
      .send(elisa('SYPHILIS', 'Wantai', at(5)))
      .expect(201);
    await t
      .as('laboratory')
      .post(lab(din, 'marker-results'))
      .send({
        marker: 'ALT',
        method: 'ENZYMATIC',
        reagent: { manufacturer: 'Mindray', lot: 'ALT-LC' },
        value: 20,
        testedAt: at(5),
        lateEntryReason: 'Paper record entered after the session',
      })
      .expect(201);
    await t.as('laboratory').post(lab(din, 'conclusion')).expect(201);
    const unitView = async () =>
      (await t.as('components').get(`/api/v1/components/units/${unitId}`).expect(200)).body;
    await eventually(async () => expect((await unitView()).status).toBe('Released'));
    expect((await unitView()).expiresAt).toBe(addDays(endedAt, 35));

    const shipment = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' })
      .expect(201);
    const shipmentId = shipment.body.shipmentId as string;
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
      .send({ unitId })
      .expect(201);
    await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
      .send({ carrier: 'City cold chain', coolerId: 'BOX-9', temperatureC: 4 })
      .expect(200);
    await t
      .as('hospital')
      .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
      .send({ condition: 'INTACT', temperatureC: 5, units: [{ unitId, accepted: true }] })
      .expect(200);
    await eventually(async () => expect((await unitView()).lifecycle).toBe('AtHospital'));

    const patient = await t
      .as('hospital')
      .post('/api/v1/transfusion/patients')
      .send({
        mrn: 'MRN-LC-1',
        familyName: 'Wang',
        givenName: 'Fang',
        birthDate: '1961-04-02',
        sex: 'FEMALE',
      })
      .expect(201);
    const patientId = patient.body.patientId as string;
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/patients/${patientId}/samples`)
      .send({
        sampleId: 'S-LC-1',
        collectedAt: new Date(Date.now() - 3_600_000).toISOString(),
        bloodGroup: 'O+',
        antibodyScreen: 'NEGATIVE',
      })
      .expect(201);
    const request = await t
      .as('hospital')
      .post('/api/v1/transfusion/requests')
      .send({ patientId, product: 'RED_CELLS', quantity: 1, urgency: 'ROUTINE', indication: 'Hb 62 g/L' })
      .expect(201);
    const requestId = request.body.requestId as string;
    const unit = { din, productCode: 'E0398V00' };
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/crossmatches`)
      .send({ ...unit, method: 'SEROLOGICAL', result: 'COMPATIBLE' })
      .expect(201);
    await eventually(async () => expect((await unitView()).lifecycle).toBe('Allocated'));
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/issues`)
      .send({ ...unit, ward: 'HAEM-2' })
      .expect(201);
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/bedside-checks`)
      .send({ scannedPatientId: patientId, scannedDin: din, scannedProductCode: unit.productCode })
      .expect(200);
    const vitals = { temperatureC: 36.7, pulsePerMin: 80, systolicMmHg: 120, diastolicMmHg: 75 };
    await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${unitId}/start`)
      .send({ vitals })
      .expect(200);
    const ended = await t
      .as('hospital')
      .post(`/api/v1/transfusion/requests/${requestId}/units/${unitId}/end`)
      .send({ volumeMl: 280 })
      .expect(200);

    const unitStream = async () =>
      (await t.as('quality-auditor').get(`/api/v1/streams/Unit-${unitId}/events`).expect(200)).body
        .events as {
        type: string;
        data: Record<string, unknown>;
      }[];
    await eventually(async () => expect((await unitView()).status).toBe('Transfused'));
    const recorded = (await unitStream()).find((e) => e.type === 'UnitTransfusionRecorded');
    expect(recorded?.data).toMatchObject({ unitId, requestId, hospitalSiteId: 'HOSP-1' });
    expect(recorded?.data.transfusedAt).toBe(ended.body.endedAt);

    /* Forty days on: the unit is past its expiry, and the sweep runs. */
    offsetMs = 40 * DAY;
    expect(Date.now() + offsetMs).toBeGreaterThan(Date.parse(addDays(endedAt, 35)));
    const before = await unitStream();
    const swept = await t.app.get(ExpirySweepScheduler).tick();
    expect(swept).not.toBe('skipped');
    expect(swept === 'skipped' ? [] : swept.expired).not.toContain(unitId);
    await t.app.get(ProjectionRunner).catchUp();
    expect(await unitStream()).toEqual(before);

    expect(await unitView()).toMatchObject({ status: 'Transfused', lifecycle: 'Transfused' });
    const stock = await t.as('hospital').get('/api/v1/transfusion/stock?status=TRANSFUSED').expect(200);
    expect(stock.body).toEqual([
      expect.objectContaining({ unitId, hospitalStatus: 'TRANSFUSED', releaseStatus: 'Released' }),
    ]);
    const trace = await t.as('quality-auditor').get(`/api/v1/trace/units/${unitId}`).expect(200);
    const node = (trace.body.lineage.nodes as { id: string; status?: string }[]).find(
      (n) => n.id === `unit:${unitId}`,
    );
    expect(node?.status).toBe('Transfused');
    expect((trace.body.events as { type: string }[]).map((e) => e.type)).not.toContain('UnitExpired');

    const again = await t
      .as('distribution')
      .post('/api/v1/distribution/shipments')
      .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-2' })
      .expect(201);
    const refused = await t
      .as('distribution')
      .post(`/api/v1/distribution/shipments/${again.body.shipmentId as string}/units`)
      .send({ unitId })
      .expect(422);
    expect(refused.body.code).toBe('COMP.UNIT_NOT_RELEASED');
    expect(await unitStream()).toEqual(before);
  }, 60_000);
});
