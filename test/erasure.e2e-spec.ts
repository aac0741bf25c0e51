import { rmSync } from 'node:fs';
import type { EventStore } from '@hemotrace/event-sourcing';
import { runCli } from '../apps/cli/src/main';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import { newId, systemActor } from '@hemotrace/kernel';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';
import { queryRawSql } from './support/raw-store';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

const DAY = 86_400_000;
const ago = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

const NAME = 'Shredded Person Zhao';
const erasure = { legalBasis: 'GDPR_ART_17', reason: 'Erasure request ER-2025-118' };

/** Crypto-shredding over HTTP: identity sealed in the log, key destroyed on erasure, history kept. */
describe('erasing personal data', () => {
  let t: TestApp;
  let documentSeq = 0;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const logLength = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.length;

  const nextDocument = () => `ER${Date.now() % 1_000_000}${String(++documentSeq).padStart(4, '0')}`;

  const register = async (document: string, name = NAME): Promise<string> => {
    const res = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name,
        document: { type: 'RESIDENT_ID_CARD', number: document },
        birthDate: '1985-07-21',
        sex: 'F',
        contact: { phone: '+86 139 1234 5678' },
      })
      .expect(201);
    return res.body.donorId as string;
  };

  const donate = async (donorId: string, din: string, startedAt: string, endedAt: string) => {
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
        bagLot: 'BAG-ER-01',
        startedAt,
        lateEntryReason: 'Donation record entered from paper after the session',
      })
      .expect(201);
    await t
      .as('phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({
        volumeMl: 401,
        startedAt,
        endedAt,
        lateEntryReason: 'Donation record entered from paper after the session',
      })
      .expect(200);
  };

  /** Every stored event's data and every read model document, as text, straight from the database. */
  const rawStoreText = async (): Promise<string> => {
    const events = await queryRawSql<{ data: unknown }>(t, 'SELECT data FROM events');
    const docs = await queryRawSql<{ doc: unknown }>(t, 'SELECT doc FROM read_models');
    return JSON.stringify([...events, ...docs]);
  };

  describe('a donor who gave blood, then asked to be forgotten', () => {
    const document = nextDocument();
    const din = 'A999926400001';
    const startedAt = ago(40);
    const endedAt = new Date(Date.parse(startedAt) + 9 * 60_000).toISOString();
    let donorId: string;

    beforeAll(async () => {
      donorId = await register(document);
      await donate(donorId, din, startedAt, endedAt);
      await t.app.get(ProjectionRunner).catchUp();
    });

    it('stores only ciphertext: no name or document number in the events or read models', async () => {
      const clinic = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
      expect(clinic.body.identity).toMatchObject({
        name: NAME,
        document: { type: 'RESIDENT_ID_CARD', number: document },
        erased: false,
      });
      const raw = await rawStoreText();
      expect(raw).not.toContain(NAME);
      expect(raw).not.toContain(document);
      expect(raw).not.toContain('1234 5678');
      const [identity] = (
        await t.as('admin').get(`/api/v1/streams/DonorIdentity-${donorId}/events`).expect(200)
      ).body.events;
      expect(identity.data).toEqual({
        donorId,
        documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        recordedAt: expect.any(String),
        sealed: {
          alg: 'AES-256-GCM',
          keyId: expect.any(String),
          iv: expect.any(String),
          tag: expect.any(String),
          ciphertext: expect.any(String),
        },
      });
    });

    it('refuses a non-admin (403), a bad body (400) and an unknown donor (404), writing nothing', async () => {
      const before = await logLength();
      const path = `/api/v1/donors/${donorId}/erasure`;
      await t.as('donor-clinic').post(path).send(erasure).expect(403);
      const bad = await t.as('admin').post(path).send({ legalBasis: 'BECAUSE', reason: '' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['legalBasis', 'reason']);
      const unknown = await t.as('admin').post(`/api/v1/donors/${newId()}/erasure`).send(erasure).expect(404);
      expect(unknown.body.code).toBe('DONORS.DONOR_NOT_FOUND');
      expect(await logLength()).toBe(before);
      const clinic = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
      expect(clinic.body.identity.name).toBe(NAME);
    });

    it('erases: the identity is unreadable in the API and the raw audit trail, the history stays', async () => {
      const res = await t.as('admin').post(`/api/v1/donors/${donorId}/erasure`).send(erasure).expect(200);
      const erasedAt = res.body.erasedAt as string;
      expect(res.body).toEqual({ donorId, erasedAt: expect.any(String) });
      for (const role of ['admin', 'donor-clinic']) {
        const donor = await t.as(role).get(`/api/v1/donors/${donorId}`).expect(200);
        expect(donor.body.identity).toEqual({ erased: true, erasedAt });
        expect(donor.body.history.wholeBloodDonations).toBe(1);
        expect(JSON.stringify(donor.body)).not.toContain(NAME);
      }
      const trail = (await t.as('admin').get(`/api/v1/streams/Donor-${donorId}/events`).expect(200)).body;
      expect(trail.events.at(-1)).toMatchObject({
        type: 'DonorPersonalDataErased',
        data: { donorId, legalBasis: 'GDPR_ART_17', reason: erasure.reason, erasedAt },
      });
      const identity = (
        await t.as('admin').get(`/api/v1/streams/DonorIdentity-${donorId}/events`).expect(200)
      ).body;
      expect(identity.events).toHaveLength(1);
      expect(identity.events[0].data.sealed.ciphertext).toEqual(expect.any(String));
      expect(JSON.stringify(identity)).not.toContain(NAME);
      const keyRows = await queryRawSql<{ key_material: unknown; destroyed_at: string }>(
        t,
        'SELECT key_material, destroyed_at FROM personal_data_keys WHERE subject_id = ?',
        [`donor:${donorId}`],
      );
      expect(keyRows).toEqual([{ key_material: null, destroyed_at: erasedAt }]);
      await eventually(async () => expect(await rawStoreText()).not.toContain(NAME));
    });

    it('refuses a second erasure with 409 and writes nothing', async () => {
      const before = await logLength();
      const res = await t.as('admin').post(`/api/v1/donors/${donorId}/erasure`).send(erasure).expect(409);
      expect(res.body.code).toBe('DONORS.PERSONAL_DATA_ALREADY_ERASED');
      expect(await logLength()).toBe(before);
    });

    it('still verifies every hash chain', async () => {
      const integrity = await t.as('quality-auditor').get('/api/v1/integrity').expect(200);
      expect(integrity.body).toMatchObject({ ok: true, findings: [] });
    });

    it('still traces the donor to the donation and says the identity was erased', async () => {
      const trace = (await t.as('quality-auditor').get(`/api/v1/trace/donors/${donorId}`).expect(200)).body;
      expect(trace.lineage.donations).toEqual([din]);
      expect(trace.integrity.ok).toBe(true);
      expect(trace.erasedIdentities).toEqual([
        { kind: 'donor', id: donorId, erasedAt: expect.any(String), legalBasis: 'GDPR_ART_17' },
      ]);
      expect(JSON.stringify(trace)).not.toContain(NAME);
    });

    it('reaches the donation in a lookback, which says the identity was erased', async () => {
      /* A later donation of the same person, found positive: stands in for the collection context. */
      const positive = 'A999926400002';
      await t.app.get<EventStore>(EVENT_STORE).append({
        streamId: `Donation-${positive}`,
        events: [
          {
            type: 'DonationCompleted',
            data: {
              din: positive,
              donorId,
              procedure: 'WHOLE_BLOOD',
              volumeMl: 400,
              startedAt: ago(3),
              endedAt: ago(3),
              siteId: 'BC-1',
              siteType: 'FIXED_SITE',
              bagLot: 'BAG-ER-02',
              groupDonation: false,
            },
          },
        ],
        expectedVersion: 'no_stream',
        metadata: { actor: systemActor('BC-1'), correlationId: newId(), occurredAt: ago(3) },
      });
      await t.app.get(ProjectionRunner).catchUp();
      const opened = await t
        .as('laboratory')
        .post('/api/v1/investigations/lookbacks')
        .send({ donorId, marker: 'HCV', din: positive, openedAt: ago(2) })
        .expect(201);
      const view = (
        await t.as('quality-auditor').get(`/api/v1/investigations/${opened.body.investigationId}`).expect(200)
      ).body;
      expect(view).toMatchObject({
        kind: 'LOOKBACK',
        donorId,
        donorIdentity: { erased: true, legalBasis: 'GDPR_ART_17' },
      });
      expect(view.donations).toEqual([din]);
    });

    it('keeps the document reserved, so the person cannot register again as a new donor', async () => {
      const before = await logLength();
      const again = await t
        .as('donor-clinic')
        .post('/api/v1/donors')
        .send({
          name: 'Someone New',
          document: { type: 'RESIDENT_ID_CARD', number: document },
          birthDate: '1985-07-21',
          sex: 'F',
          contact: {},
        })
        .expect(409);
      expect(again.body).toMatchObject({
        code: 'DONORS.DUPLICATE_DOCUMENT',
        details: { existingDonorId: donorId },
      });
      expect(await logLength()).toBe(before);
    });
  });

  it('reads a legacy plaintext identity, and hides it after an erasure', async () => {
    const donorId = newId();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const metadata = {
      actor: systemActor('BC-1'),
      correlationId: newId(),
      occurredAt: '2020-01-01T00:00:00.000Z',
    };
    await store.append({
      streamId: `Donor-${donorId}`,
      events: [
        {
          type: 'DonorRegistered',
          data: {
            donorId,
            sex: 'M',
            birthDate: '1970-03-03',
            registeredAt: '2020-01-01T00:00:00.000Z',
            siteId: 'BC-1',
          },
        },
      ],
      expectedVersion: 'no_stream',
      metadata,
    });
    await store.append({
      streamId: `DonorIdentity-${donorId}`,
      events: [
        {
          type: 'DonorIdentityRecorded',
          data: {
            donorId,
            name: 'Legacy Plain',
            document: { type: 'PASSPORT', number: 'LEGACY0001' },
            documentHash: 'c'.repeat(64),
            birthDate: '1970-03-03',
            sex: 'M',
            contact: {},
            recordedAt: '2020-01-01T00:00:00.000Z',
          },
        },
      ],
      expectedVersion: 'no_stream',
      metadata,
    });
    await t.app.get(ProjectionRunner).catchUp();
    const before = (await t.as('admin').get(`/api/v1/donors/${donorId}`).expect(200)).body;
    expect(before.identity).toMatchObject({ name: 'Legacy Plain', erased: false, legacyPlaintext: true });
    const res = await t.as('admin').post(`/api/v1/donors/${donorId}/erasure`).send(erasure).expect(200);
    const after = (await t.as('admin').get(`/api/v1/donors/${donorId}`).expect(200)).body;
    expect(after.identity).toEqual({ erased: true, erasedAt: res.body.erasedAt });
    await t.app.get(ProjectionRunner).catchUp();
    const docs = await queryRawSql<{ doc: unknown }>(t, 'SELECT doc FROM read_models');
    expect(JSON.stringify(docs)).not.toContain('Legacy Plain');
    expect((await t.as('quality-auditor').get('/api/v1/integrity').expect(200)).body.ok).toBe(true);
  });

  describe('a patient whose identity is erased', () => {
    const mrn = `MRN-ER-${Date.now() % 1_000_000}`;
    let patientId: string;

    beforeAll(async () => {
      const res = await t
        .as('hospital')
        .post('/api/v1/transfusion/patients')
        .send({ mrn, familyName: 'Erasable', givenName: 'Patient', birthDate: '1950-11-30', sex: 'FEMALE' })
        .expect(201);
      patientId = res.body.patientId;
      await t.app.get(ProjectionRunner).catchUp();
    });

    it('stores the identity, MRN included, only as ciphertext', async () => {
      const identity = await t
        .as('hospital')
        .get(`/api/v1/transfusion/patients/${patientId}/identity`)
        .expect(200);
      expect(identity.body).toMatchObject({ patientId, mrn, familyName: 'Erasable', erased: false });
      const raw = await rawStoreText();
      expect(raw).not.toContain('Erasable');
      expect(raw).not.toContain(mrn);
    });

    it('refuses a non-admin, a bad body and an unknown patient, writing nothing', async () => {
      const before = await logLength();
      const path = `/api/v1/transfusion/patients/${patientId}/erasure`;
      await t.as('hospital').post(path).send(erasure).expect(403);
      await t.as('admin').post(path).send({ reason: 'x' }).expect(400);
      await t.as('admin').post(`/api/v1/transfusion/patients/${newId()}/erasure`).send(erasure).expect(404);
      expect(await logLength()).toBe(before);
    });

    it('erases once: the identity reads as erased, the record stays, a second erasure is 409', async () => {
      const res = await t
        .as('admin')
        .post(`/api/v1/transfusion/patients/${patientId}/erasure`)
        .send({ legalBasis: 'COURT_ORDER', reason: 'Order 2025-CV-0042' })
        .expect(200);
      const identity = await t
        .as('hospital')
        .get(`/api/v1/transfusion/patients/${patientId}/identity`)
        .expect(200);
      expect(identity.body).toEqual({
        patientId,
        hospitalSiteId: expect.any(String),
        erased: true,
        erasedAt: res.body.erasedAt,
      });
      await t.as('hospital').get(`/api/v1/transfusion/patients/${patientId}`).expect(200);
      const trail = (await t.as('admin').get(`/api/v1/streams/Patient-${patientId}/events`).expect(200)).body;
      expect(trail.events.at(-1)).toMatchObject({
        type: 'PatientPersonalDataErased',
        data: { patientId, legalBasis: 'COURT_ORDER', erasedAt: res.body.erasedAt },
      });
      const before = await logLength();
      const again = await t
        .as('admin')
        .post(`/api/v1/transfusion/patients/${patientId}/erasure`)
        .send(erasure)
        .expect(409);
      expect(again.body.code).toBe('TRANSFUSION.PERSONAL_DATA_ALREADY_ERASED');
      expect(await logLength()).toBe(before);
      expect((await t.as('quality-auditor').get('/api/v1/integrity').expect(200)).body.ok).toBe(true);
    });
  });

  /** SQLite only: the CLI works on the server's data directory, here once the server has stopped. */
  it('erases from the command line: hemotrace erase donor <id> --reason, then verify is clean', async () => {
    const server = await startTestApp({ store: 'sqlite' });
    const dir = server.config.dataDir;
    try {
      const res = await server
        .as('donor-clinic')
        .post('/api/v1/donors')
        .send({
          name: 'Cli Erased',
          document: { type: 'PASSPORT', number: nextDocument() },
          birthDate: '1979-09-09',
          sex: 'M',
          contact: {},
        })
        .expect(201);
      const donorId = res.body.donorId as string;
      await server.app.close();
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await runCli([
          'node',
          'hemotrace',
          'erase',
          'donor',
          donorId,
          '--reason',
          'DPO ticket 77',
          '--dir',
          dir,
        ]);
        expect(process.exitCode ?? 0).toBe(0);
        await runCli(['node', 'hemotrace', 'verify', '--store', 'sqlite', '--dir', dir]);
        expect(process.exitCode ?? 0).toBe(0);
        expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
          new RegExp(`donor ${donorId}: identity erased at .* \\(GDPR_ART_17\\)[\\s\\S]*0 findings`),
        );
      } finally {
        log.mockRestore();
      }
      const erasedEvents = await queryRawSql<{ type: string; data: string }>(
        server,
        'SELECT type, data FROM events WHERE stream_id = ?',
        [`Donor-${donorId}`],
      );
      expect(erasedEvents.map((e) => e.type)).toEqual(['DonorRegistered', 'DonorPersonalDataErased']);
      expect(JSON.parse(erasedEvents[1].data)).toMatchObject({
        legalBasis: 'GDPR_ART_17',
        reason: 'DPO ticket 77',
      });
      const keys = await queryRawSql<{ key_material: unknown }>(
        server,
        'SELECT key_material FROM personal_data_keys WHERE subject_id = ?',
        [`donor:${donorId}`],
      );
      expect(keys).toEqual([{ key_material: null }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
