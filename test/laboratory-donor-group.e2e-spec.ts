import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { EventStore, ReadModelStore, RecordedEvent } from '@hemotrace/event-sourcing';
import { EVENT_STORE, LOG_START, ProjectionRunner, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { StoreChoice } from '@hemotrace/platform';
import { loadConfig, openStores } from '@hemotrace/platform';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/*
 * The donor's group on record is the laboratory's DonorBloodGroup- stream, written with the
 * qualification: a later donation grouped otherwise is held even while every read model is behind.
 */
const DONOR = 'donor-group-e2e-1';
const FIRST = 'A999926000201';
const SECOND = 'A999926000202';
const REASON = 'Entered from the paper worksheet after the LIS outage';

const lab = (din: string, step: string) => `/api/v1/laboratory/donations/${din}/${step}`;

const dated = (day: string) => ({
  collectedAt: `${day}T08:09:00.000Z`,
  receivedAt: `${day}T10:15:00.000Z`,
  groupedAt: `${day}T12:00:00.000Z`,
  testedAt: `${day}T14:00:00.000Z`,
  concludedAt: `${day}T16:30:00.000Z`,
});
const SIDE_DONOR = 'donor-group-e2e-2';
const SIDE_A = 'A999926000203';
const SIDE_B = 'A999926000204';
const FIRST_AT = dated('2024-03-04');
const SECOND_AT = dated('2024-09-10');

describe("a donation grouped otherwise than the donor's group on record", () => {
  const store = (process.env.HEMOTRACE_TEST_STORE as StoreChoice | undefined) ?? 'sqlite';
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-donor-group-'));
  const schema = `labgroup_${randomBytes(6).toString('hex')}`;
  const databaseUrl = (): string => {
    const url = new URL(process.env.HEMOTRACE_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? '');
    url.searchParams.set('schema', schema);
    return url.toString();
  };
  const env: NodeJS.ProcessEnv = {
    HEMOTRACE_DATA_DIR: dir,
    HEMOTRACE_EXPIRY_SWEEP_MS: '0',
    ...(store === 'postgres' ? { DATABASE_URL: databaseUrl() } : {}),
  };
  /** While set, the projection runner's reads of the log wait: every read model stays where it is. */
  let holding: Promise<void> | null = null;
  let t: TestApp;

  const start = async (): Promise<TestApp> => {
    const real = await openStores(
      loadConfig({ ...process.env, NODE_ENV: 'test', HEMOTRACE_STORE: store, ...env }),
    );
    const readAll: EventStore['readAll'] = async (after, limit, options) => {
      if (holding) await holding;
      return real.events.readAll(after, limit, options);
    };
    const events = new Proxy(real.events, {
      get: (target, property) => {
        if (property === 'readAll') return readAll;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return startTestApp({ store, env, platform: { stores: { ...real, events } } });
  };

  const everyEvent = async (): Promise<RecordedEvent[]> => {
    const log = t.app.get<EventStore>(EVENT_STORE);
    const all: RecordedEvent[] = [];
    for (let checkpoint = LOG_START; ;) {
      const batch = await log.readAll(checkpoint, 1000);
      if (batch.events.length === 0) return all;
      all.push(...batch.events);
      checkpoint = batch.checkpoint;
    }
  };

  const stream = async (streamId: string) =>
    (await t.as('quality-auditor').get(`/api/v1/streams/${streamId}/events`).expect(200)).body as {
      events: { type: string; occurredAt: string; data: Record<string, unknown> }[];
    };

  /** Collection's fact, appended to the stream collection owns: the laboratory reads it from there. */
  const collected = async (din: string, endedAt: string, donorId = DONOR) => {
    await t.app.get<EventStore>(EVENT_STORE).append({
      streamId: `Donation-${din}`,
      events: [
        {
          type: 'DonationCompleted',
          data: {
            din,
            donorId,
            procedure: 'WHOLE_BLOOD',
            volumeMl: 400,
            startedAt: endedAt,
            endedAt,
            siteId: 'BC-1',
            siteType: 'FIXED_SITE',
            bagLot: 'BAG-L1',
          },
        },
      ],
      expectedVersion: 'no_stream',
      metadata: {
        actor: { userId: 'user-phlebotomist', role: 'phlebotomist', siteId: 'BC-1' },
        correlationId: `fixture-${din}`,
        occurredAt: endedAt,
      },
    });
  };

  const receive = (din: string, at: typeof FIRST_AT) =>
    t
      .as('laboratory')
      .post(lab(din, 'sample-receipts'))
      .send({
        labSiteId: 'BC-1',
        labType: 'CENTRAL_LAB',
        transportMinutes: 126,
        condition: 'ACCEPTABLE',
        receivedAt: at.receivedAt,
        lateEntryReason: REASON,
      })
      .expect(201);

  const determine = (din: string, at: typeof FIRST_AT, abo: string, rhd: string) =>
    t
      .as('laboratory')
      .post(lab(din, 'blood-group-determinations'))
      .send({
        forward: abo,
        reverse: abo,
        rhd,
        method: 'MICROPLATE',
        reagentLot: 'ABO-2024-07',
        determinedAt: at.groupedAt,
        lateEntryReason: REASON,
      })
      .expect(201);

  const screen = async (din: string, at: typeof FIRST_AT) => {
    const testedAt = at.testedAt;
    await t
      .as('laboratory')
      .post(lab(din, 'antibody-screens'))
      .send({
        result: 'NEGATIVE',
        method: 'MICROPLATE',
        reagentLot: 'SCR-1',
        testedAt,
        lateEntryReason: REASON,
      })
      .expect(201);
    const elisa = (marker: string, manufacturer: string) => ({
      marker,
      method: 'ELISA',
      reagent: { manufacturer, lot: `${manufacturer.toUpperCase()}-${marker}-L1` },
      value: 0.18,
      interpretation: 'NON_REACTIVE',
      testedAt,
      lateEntryReason: REASON,
    });
    for (const marker of ['HIV', 'HBV', 'HCV']) {
      await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa(marker, 'Wantai')).expect(201);
      await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa(marker, 'Kehua')).expect(201);
    }
    await t.as('laboratory').post(lab(din, 'marker-results')).send(elisa('SYPHILIS', 'Wantai')).expect(201);
    await t
      .as('laboratory')
      .post(lab(din, 'marker-results'))
      .send({
        marker: 'ALT',
        method: 'ENZYMATIC',
        reagent: { manufacturer: 'Mindray', lot: 'ALT-L1' },
        value: 22,
        testedAt,
        lateEntryReason: REASON,
      })
      .expect(201);
  };

  const conclude = (din: string, at: typeof FIRST_AT) =>
    t
      .as('laboratory')
      .post(lab(din, 'conclusion'))
      .set('Idempotency-Key', `conclude-${din}`)
      .send({ concludedAt: at.concludedAt, lateEntryReason: REASON })
      .expect(201);

  beforeAll(async () => {
    t = await start();
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
    if (store === 'postgres') {
      const pool = new Pool({
        connectionString: process.env.HEMOTRACE_TEST_DATABASE_URL ?? process.env.DATABASE_URL,
      });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }
  });

  it("records the first qualified donation's group on the donor's stream, in the qualification's append and at its business time", async () => {
    await collected(FIRST, FIRST_AT.collectedAt);
    await receive(FIRST, FIRST_AT);
    await determine(FIRST, FIRST_AT, 'A', 'POS');
    await determine(FIRST, FIRST_AT, 'A', 'POS');
    await screen(FIRST, FIRST_AT);
    const concluded = await conclude(FIRST, FIRST_AT);
    expect(concluded.body.recorded).toEqual(['DonationQualified']);

    const donor = await stream(`DonorBloodGroup-${DONOR}`);
    expect(donor.events).toEqual([
      expect.objectContaining({
        type: 'DonorBloodGroupRecorded',
        occurredAt: FIRST_AT.concludedAt,
        data: {
          donorId: DONOR,
          bloodGroup: { abo: 'A', rhd: 'POS' },
          din: FIRST,
          qualifiedAt: FIRST_AT.concludedAt,
        },
      }),
    ]);
    const again = await conclude(FIRST, FIRST_AT);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(concluded.body);
    expect((await stream(`DonorBloodGroup-${DONOR}`)).events).toHaveLength(1);
  });

  it('holds the second donation on a DONOR_HISTORY discrepancy while the read models know no group for the donor', async () => {
    await t.app.get(ProjectionRunner).catchUp();
    /* What a read model behind the log shows (as while it refolds after an upgrade): no group for the donor. */
    const readModels = t.app.get<ReadModelStore>(READ_MODEL_STORE);
    await readModels.commit('test.behind', LOG_START, [
      { op: 'delete', collection: 'lab_donor_groups', id: DONOR },
    ]);
    expect(await readModels.get('lab_donor_groups', DONOR)).toBeNull();
    let letGo!: () => void;
    holding = new Promise<void>((resolve) => (letGo = resolve));
    try {
      await collected(SECOND, SECOND_AT.collectedAt);
      await receive(SECOND, SECOND_AT);
      const grouped = await determine(SECOND, SECOND_AT, 'B', 'POS');
      expect(grouped.body.recorded).toEqual(['BloodGroupDetermined', 'BloodGroupDiscrepancyFound']);
      expect(grouped.body.testing).toMatchObject({
        status: 'ON_HOLD',
        bloodGroup: {
          confirmed: null,
          discrepancy: {
            kind: 'DONOR_HISTORY',
            forward: 'B',
            reverse: 'B',
            rhd: 'POS',
            expected: { abo: 'A', rhd: 'POS' },
            foundAt: SECOND_AT.groupedAt,
          },
        },
      });
    } finally {
      holding = null;
      letGo();
    }
    await t.app.get(ProjectionRunner).catchUp();
    expect(await readModels.get('lab_donor_groups', DONOR)).toBeNull();
    const status = await t.as('laboratory').get(`/api/v1/laboratory/donations/${SECOND}`).expect(200);
    expect(status.body).toMatchObject({ status: 'ON_HOLD', donorId: DONOR });
    const refused = await t
      .as('laboratory')
      .post(lab(SECOND, 'conclusion'))
      .send({ concludedAt: SECOND_AT.concludedAt, lateEntryReason: REASON });
    expect(refused.status).toBe(422);
    expect((await stream(`DonorBloodGroup-${DONOR}`)).events).toHaveLength(1);
  });

  it('holds, instead of qualifying, a donation confirmed otherwise while another of the donor was tested side by side', async () => {
    for (const din of [SIDE_A, SIDE_B]) {
      await collected(din, FIRST_AT.collectedAt, SIDE_DONOR);
      await receive(din, FIRST_AT);
    }
    /* Neither is qualified yet: both are confirmed by two concordant determinations, as first-time donations. */
    for (const [din, abo] of [
      [SIDE_A, 'O'],
      [SIDE_B, 'AB'],
    ] as const) {
      await determine(din, FIRST_AT, abo, 'NEG');
      const second = await determine(din, FIRST_AT, abo, 'NEG');
      expect(second.body.recorded).toEqual(['BloodGroupDetermined', 'BloodGroupConfirmed']);
      await screen(din, FIRST_AT);
    }
    expect((await conclude(SIDE_A, FIRST_AT)).body.recorded).toEqual(['DonationQualified']);
    const held = await conclude(SIDE_B, FIRST_AT);
    expect(held.body.recorded).toEqual(['BloodGroupDiscrepancyFound']);
    expect(held.body.testing).toMatchObject({
      status: 'ON_HOLD',
      bloodGroup: {
        discrepancy: {
          kind: 'DONOR_HISTORY',
          forward: 'AB',
          rhd: 'NEG',
          expected: { abo: 'O', rhd: 'NEG' },
          foundAt: FIRST_AT.concludedAt,
        },
      },
    });
    const onRecord = await stream(`DonorBloodGroup-${SIDE_DONOR}`);
    expect(onRecord.events.map((e) => [e.type, e.data.din])).toEqual([['DonorBloodGroupRecorded', SIDE_A]]);
  });

  it('adds nothing when the server restarts on the same store', async () => {
    await t.app.get(ProjectionRunner).catchUp();
    const before = await everyEvent();
    await t.close();
    t = await start();
    await t.app.get(ProjectionRunner).catchUp();
    const after = await everyEvent();
    expect(after.map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    const [recorded] = (await stream(`DonorBloodGroup-${DONOR}`)).events;
    expect(recorded).toMatchObject({ type: 'DonorBloodGroupRecorded', data: { din: FIRST } });
    const worklist = await t.as('laboratory').get('/api/v1/laboratory/worklist?status=ON_HOLD').expect(200);
    expect(worklist.body.items.map((i: { din: string }) => i.din)).toEqual([SIDE_B, SECOND]);
  });
});
