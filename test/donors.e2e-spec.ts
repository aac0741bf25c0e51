import { createHash } from 'node:crypto';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { EventStore } from '@hemotrace/event-sourcing';
import { newId, systemActor } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';

let documentSeq = 0;
const donorBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Li Wei',
  document: { type: 'RESIDENT_ID_CARD', number: `11010119900501${String(++documentSeq).padStart(4, '0')}` },
  birthDate: '1990-05-01',
  sex: 'M',
  contact: { phone: '+86 138 0000 0000' },
  ...overrides,
});

describe('donors over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const register = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.as('donor-clinic').post('/api/v1/donors').send(donorBody(overrides)).expect(201);
    return res.body.donorId as string;
  };

  const screen = (
    donorId: string,
    measurements = healthyMeasurements,
    answers: Record<string, unknown> = noDeferringAnswers,
  ) =>
    t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements, answers });

  const streamTypes = async (streamId: string, role = 'quality-auditor'): Promise<string[]> => {
    const res = await t.as(role).get(`/api/v1/streams/${streamId}/events`).expect(200);
    return (res.body.events as { type: string }[]).map((e) => e.type);
  };

  /** How many events the whole store holds: proves a refused command appended nothing anywhere. */
  const logLength = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.length;

  /** Stands in for the laboratory context: records one of its contract events on a laboratory stream of its own. */
  const laboratoryRecords = async (type: string, data: object) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append({
      streamId: `DonationTesting-LabFixture-${newId()}`,
      events: [{ type, data }],
      expectedVersion: 'no_stream',
      metadata: { actor: systemActor('BC-1'), correlationId: newId(), occurredAt: new Date().toISOString() },
    });
    t.app.get(ProjectionRunner).poke();
  };

  it('registers a donor with identity in its own stream and only sex and birth date on the traceability stream', async () => {
    const donorId = await register({ name: 'Wang Fang', sex: 'F' });
    const traceability = await t
      .as('quality-auditor')
      .get(`/api/v1/streams/Donor-${donorId}/events`)
      .expect(200);
    expect(traceability.body.events.map((e: { type: string }) => e.type)).toEqual(['DonorRegistered']);
    expect(JSON.stringify(traceability.body.events)).not.toContain('Wang Fang');
    expect(traceability.body.events[0].data).toEqual({
      donorId,
      sex: 'F',
      birthDate: '1990-05-01',
      registeredAt: expect.any(String),
      siteId: 'BC-1',
    });
    expect(await streamTypes(`DonorIdentity-${donorId}`, 'admin')).toEqual(['DonorIdentityRecorded']);
    await t.as('quality-auditor').get(`/api/v1/streams/DonorIdentity-${donorId}/events`).expect(403);
  });

  it('shows the identity to the donor clinic only', async () => {
    const donorId = await register({ name: 'Zhang San' });
    const clinic = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
    expect(clinic.body.identity).toMatchObject({ name: 'Zhang San', document: { type: 'RESIDENT_ID_CARD' } });
    for (const role of ['quality-auditor', 'phlebotomist']) {
      const res = await t.as(role).get(`/api/v1/donors/${donorId}`).expect(200);
      expect(res.body.identity).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain('Zhang San');
      expect(res.body).toMatchObject({
        donorId,
        sex: 'M',
        deferred: false,
        history: { wholeBloodDonations: 0 },
      });
    }
  });

  it('refuses a second donor with the same document, however it is typed, and writes nothing', async () => {
    const first = donorBody();
    await t.as('donor-clinic').post('/api/v1/donors').send(first).expect(201);
    const before = await logLength();
    const spaced = `${first.document.number.slice(0, 6)} ${first.document.number.slice(6)}`.toLowerCase();
    const res = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({ ...first, name: 'Someone Else', document: { type: 'RESIDENT_ID_CARD', number: spaced } })
      .expect(409);
    expect(res.body.code).toBe('DONORS.DUPLICATE_DOCUMENT');
    expect(JSON.stringify(res.body)).not.toContain(first.document.number);
    expect(await logLength()).toBe(before);
  });

  it('accepts the same number under another document type', async () => {
    const body = donorBody();
    await t.as('donor-clinic').post('/api/v1/donors').send(body).expect(201);
    await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({ ...body, document: { type: 'PASSPORT', number: body.document.number } })
      .expect(201);
  });

  /** Events of one type in the whole store: counts what was written anywhere, not what a read model shows. */
  const countOf = async (type: string): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.filter((e) => e.type === type)
      .length;

  /** A number with a letter, so that two spellings can differ in case as well as spacing. */
  const lettered = (): string => `11010119900502${String(++documentSeq).padStart(3, '0')}X`;

  it('lets exactly one of two simultaneous registrations of one document through', async () => {
    const number = lettered();
    const registered = await countOf('DonorRegistered');
    const identities = await countOf('DonorIdentityRecorded');
    const reservations = await countOf('DocumentReserved');
    const spelled = `${number.slice(0, 6)} ${number.slice(6, 14)}-${number.slice(14)}`.toLowerCase();
    const responses = await Promise.all(
      [number, spelled].map((n) =>
        t
          .as('donor-clinic')
          .post('/api/v1/donors')
          .send(donorBody({ document: { type: 'RESIDENT_ID_CARD', number: n } })),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = responses.find((r) => r.status === 201)!;
    const loser = responses.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('DONORS.DUPLICATE_DOCUMENT');
    expect(loser.body.details).toEqual({ existingDonorId: winner.body.donorId });
    expect(await countOf('DonorRegistered')).toBe(registered + 1);
    expect(await countOf('DonorIdentityRecorded')).toBe(identities + 1);
    expect(await countOf('DocumentReserved')).toBe(reservations + 1);
    const reservation = (await t.app.get<EventStore>(EVENT_STORE).readAll('', 100_000)).events.find(
      (e) => e.type === 'DocumentReserved' && (e.data as { donorId: string }).donorId === winner.body.donorId,
    );
    expect(reservation?.streamId).toMatch(/^DonorDocument-[0-9a-f]{64}$/);
    expect(JSON.stringify(reservation)).not.toContain(number.slice(0, 14));
  });

  it('returns the first registration to a retry with the same Idempotency-Key, and 409 to anyone else', async () => {
    const body = donorBody();
    const first = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Idempotency-Key', `register-${body.document.number}`)
      .send(body)
      .expect(201);
    const before = await logLength();
    const retry = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Idempotency-Key', `register-${body.document.number}`)
      .send(body)
      .expect(201);
    expect(retry.body.donorId).toBe(first.body.donorId);
    expect(await logLength()).toBe(before);
    const other = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Idempotency-Key', `another-${body.document.number}`)
      .send(body)
      .expect(409);
    expect(other.body.code).toBe('DONORS.DUPLICATE_DOCUMENT');
    expect(await logLength()).toBe(before);
  });

  it('gives two simultaneous requests with one Idempotency-Key the same donor', async () => {
    const body = donorBody();
    const registered = await countOf('DonorRegistered');
    const responses = await Promise.all(
      [1, 2].map(() =>
        t
          .as('donor-clinic')
          .post('/api/v1/donors')
          .set('Idempotency-Key', `twin-${body.document.number}`)
          .send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    expect(responses[1].body.donorId).toBe(responses[0].body.donorId);
    expect(await countOf('DonorRegistered')).toBe(registered + 1);
  });

  /** The hash as DonorIdentityRecorded has always stored it: SHA-256 of `<type>:<number>`, normalised. */
  const storedDocumentHash = (type: string, number: string): string =>
    createHash('sha256')
      .update(`${type}:${number.replace(/[\s-]+/g, '').toUpperCase()}`)
      .digest('hex');

  it('still refuses a document registered before reservations existed, and reserves nothing', async () => {
    const body = donorBody();
    const legacyDonorId = newId();
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append({
      streamId: `DonorIdentity-${legacyDonorId}`,
      events: [
        {
          type: 'DonorIdentityRecorded',
          data: {
            donorId: legacyDonorId,
            name: 'Old Record',
            document: { type: 'RESIDENT_ID_CARD', number: body.document.number },
            documentHash: storedDocumentHash('RESIDENT_ID_CARD', body.document.number),
            birthDate: '1990-05-01',
            sex: 'M',
            contact: {},
            recordedAt: '2020-01-01T00:00:00.000Z',
          },
        },
      ],
      expectedVersion: 'no_stream',
      metadata: {
        actor: systemActor('BC-1'),
        correlationId: newId(),
        occurredAt: '2020-01-01T00:00:00.000Z',
      },
    });
    await t.app.get(ProjectionRunner).catchUp();
    const before = await logLength();
    const res = await t.as('donor-clinic').post('/api/v1/donors').send(body).expect(409);
    expect(res.body).toMatchObject({
      code: 'DONORS.DUPLICATE_DOCUMENT',
      details: { existingDonorId: legacyDonorId },
    });
    expect(await logLength()).toBe(before);
  });

  it('refuses bad fields with 400 and names them', async () => {
    const res = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send(donorBody({ sex: 'X', document: { type: 'LIBRARY_CARD', number: '1' }, birthDate: '1990-02-30' }))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['sex', 'document.type', 'document.number', 'birthDate']));
  });

  it('lets only the donor clinic register and screen', async () => {
    for (const role of ['phlebotomist', 'quality-auditor', 'laboratory']) {
      const res = await t.as(role).post('/api/v1/donors').send(donorBody()).expect(403);
      expect(res.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    }
    const donorId = await register();
    await t
      .as('phlebotomist')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(403);
    expect(await streamTypes(`Donor-${donorId}`)).toEqual(['DonorRegistered']);
  });

  it('finds a healthy donor eligible and says so for the day', async () => {
    const donorId = await register();
    const res = await screen(donorId).expect(201);
    expect(res.body).toMatchObject({ donorId, outcome: 'ELIGIBLE', validUntil: expect.any(String) });
    expect(await streamTypes(`Donor-${donorId}`)).toEqual([
      'DonorRegistered',
      'DonorScreened',
      'DonorFoundEligible',
    ]);
    const eligibility = await t
      .as('phlebotomist')
      .get(`/api/v1/donors/${donorId}/eligibility?procedure=WHOLE_BLOOD`)
      .expect(200);
    expect(eligibility.body).toMatchObject({ donorId, eligible: true, reasons: [] });
  });

  it('defers a donor who is too light, lists the deferral in the registry, and lets the clinic lift it', async () => {
    const donorId = await register();
    const res = await screen(donorId, { ...healthyMeasurements, weightKg: 48 }).expect(201);
    expect(res.body.outcome).toBe('DEFERRED');
    expect(res.body.deferral).toMatchObject({
      kind: 'TEMPORARY',
      reasons: [{ code: 'WEIGHT_BELOW_MINIMUM' }],
    });
    const deferralId = res.body.deferral.deferralId as string;

    const registry = await t
      .as('quality-auditor')
      .get('/api/v1/donors/deferrals?reason=WEIGHT_BELOW_MINIMUM&active=true')
      .expect(200);
    expect(registry.body.items.map((d: { deferralId: string }) => d.deferralId)).toContain(deferralId);

    const eligibility = await t
      .as('donor-clinic')
      .get(`/api/v1/donors/${donorId}/eligibility?procedure=WHOLE_BLOOD`)
      .expect(200);
    expect(eligibility.body).toMatchObject({ eligible: false, reasons: [{ code: 'DONOR_DEFERRED' }] });
    expect(eligibility.body.eligibleFrom).toBe(res.body.deferral.until);

    const onLaterDate = await t
      .as('donor-clinic')
      .get(`/api/v1/donors/${donorId}/eligibility?procedure=WHOLE_BLOOD&on=${res.body.deferral.until}`)
      .expect(200);
    expect(onLaterDate.body.eligible).toBe(true);

    const blocked = await screen(donorId).expect(422);
    expect(blocked.body.code).toBe('DONORS.DONOR_DEFERRED');
    expect(await streamTypes(`Donor-${donorId}`)).toEqual([
      'DonorRegistered',
      'DonorScreened',
      'DonorDeferred',
    ]);

    await t
      .as('quality-auditor')
      .post(`/api/v1/donors/${donorId}/deferrals/${deferralId}/lift`)
      .send({ reason: 'weighed again' })
      .expect(403);
    await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/deferrals/${deferralId}/lift`)
      .send({ reason: 'Scale was miscalibrated; re-weighed at 52 kg' })
      .expect(200);
    const again = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/deferrals/${deferralId}/lift`)
      .send({ reason: 'twice' })
      .expect(422);
    expect(again.body.code).toBe('DONORS.DEFERRAL_NOT_IN_FORCE');
    const after = await t
      .as('quality-auditor')
      .get('/api/v1/donors/deferrals?reason=WEIGHT_BELOW_MINIMUM&active=true')
      .expect(200);
    expect(after.body.items.map((d: { deferralId: string }) => d.deferralId)).not.toContain(deferralId);
    const ended = await t.as('quality-auditor').get('/api/v1/donors/deferrals?active=false').expect(200);
    expect(ended.body.items.find((d: { deferralId: string }) => d.deferralId === deferralId)).toMatchObject({
      lifted: true,
      liftReason: 'Scale was miscalibrated; re-weighed at 52 kg',
    });
    expect((await screen(donorId).expect(201)).body.outcome).toBe('ELIGIBLE');
  });

  it('defers a woman with low haemoglobin and names every failed check', async () => {
    const donorId = await register({ sex: 'F' });
    const res = await screen(donorId, {
      ...healthyMeasurements,
      hemoglobinGPerL: 110,
      temperatureC: 37.8,
    }).expect(201);
    expect(res.body.deferral.reasons.map((r: { code: string }) => r.code)).toEqual([
      'HEMOGLOBIN_BELOW_MINIMUM',
      'TEMPERATURE_ABOVE_MAXIMUM',
    ]);
  });

  it('defers permanently for a yes to a permanently deferring question, which cannot be lifted', async () => {
    const donorId = await register();
    const res = await screen(donorId, healthyMeasurements, {
      ...noDeferringAnswers,
      HIGH_RISK_BEHAVIOUR: true,
    }).expect(201);
    expect(res.body.deferral).toMatchObject({
      kind: 'PERMANENT',
      reasons: [{ code: 'HIGH_RISK_BEHAVIOUR' }],
    });
    const lift = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/deferrals/${res.body.deferral.deferralId}/lift`)
      .send({ reason: 'asked nicely' })
      .expect(422);
    expect(lift.body.code).toBe('DONORS.PERMANENT_DEFERRAL_CANNOT_BE_LIFTED');
  });

  it('refuses an incomplete questionnaire, an unknown donor and bad measurements, writing nothing', async () => {
    const donorId = await register();
    const { HIGH_RISK_BEHAVIOUR: _left, ...partial } = noDeferringAnswers;
    expect((await screen(donorId, healthyMeasurements, partial).expect(422)).body.code).toBe(
      'DONORS.QUESTIONNAIRE_INCOMPLETE',
    );
    expect(
      (
        await screen(donorId, healthyMeasurements, { ...noDeferringAnswers, RECENT_SURGERY: 'no' }).expect(
          400,
        )
      ).body.code,
    ).toBe('DONORS.INVALID_ANSWERS');
    const bad = await screen(donorId, { ...healthyMeasurements, weightKg: 'heavy' } as never).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('measurements.weightKg');
    expect(await streamTypes(`Donor-${donorId}`)).toEqual(['DonorRegistered']);
    expect((await screen(newId()).expect(404)).body.code).toBe('DONORS.DONOR_NOT_FOUND');
    expect((await t.as('quality-auditor').get(`/api/v1/donors/${newId()}`).expect(404)).body.code).toBe(
      'DONORS.DONOR_NOT_FOUND',
    );
  });

  it('records a hand-entered deferral and checks its period', async () => {
    const donorId = await register();
    const bad = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/deferrals`)
      .send({ kind: 'TEMPORARY', reasons: [{ code: 'TRAVEL_MALARIA_AREA' }] })
      .expect(422);
    expect(bad.body.code).toBe('DONORS.INVALID_DEFERRAL_PERIOD');
    const ok = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/deferrals`)
      .send({ kind: 'TEMPORARY', reasons: [{ code: 'TRAVEL_MALARIA_AREA' }], until: '2099-01-01T00:00:00Z' })
      .expect(201);
    const registry = await t
      .as('quality-auditor')
      .get(`/api/v1/donors/deferrals?donorId=${donorId}&active=true`)
      .expect(200);
    expect(registry.body.items).toEqual([
      expect.objectContaining({
        deferralId: ok.body.deferralId,
        source: 'CLINIC',
        until: '2099-01-01T00:00:00.000Z',
      }),
    ]);
  });

  it('defers a donor for life when the laboratory confirms an infection, once', async () => {
    const donorId = await register();
    const confirmed = { din: 'A999925900001', donorId, marker: 'HCV', confirmedAt: new Date().toISOString() };
    await laboratoryRecords('DonorConfirmedPositive', confirmed);
    await laboratoryRecords('DonorConfirmedPositive', confirmed);
    await eventually(async () => {
      const res = await t.as('quality-auditor').get(`/api/v1/donors/${donorId}`).expect(200);
      expect(res.body.deferred).toBe(true);
      expect(res.body.deferrals).toEqual([
        expect.objectContaining({
          kind: 'PERMANENT',
          source: 'LABORATORY',
          reasonCodes: ['CONFIRMED_POSITIVE_HCV'],
        }),
      ]);
    });
    const eligibility = await t
      .as('donor-clinic')
      .get(`/api/v1/donors/${donorId}/eligibility?procedure=APHERESIS_PLATELETS&on=2030-01-01`)
      .expect(200);
    expect(eligibility.body).toMatchObject({
      eligible: false,
      reasons: [{ code: 'DONOR_DEFERRED', kind: 'PERMANENT' }],
    });
    expect(eligibility.body.eligibleFrom).toBeUndefined();
    expect((await streamTypes(`Donor-${donorId}`)).filter((type) => type === 'DonorDeferred')).toHaveLength(
      1,
    );
  });

  it('finds rare donors by group and antigens typed negative', async () => {
    const rare = await register();
    const common = await register();
    const untyped = await register();
    const qualified = (donorId: string, din: string, abo: string, phenotype?: object) =>
      laboratoryRecords('DonationQualified', {
        din,
        donorId,
        bloodGroup: { abo, rhd: 'POS' },
        ...(phenotype ? { phenotype } : {}),
        qualifiedAt: new Date().toISOString(),
      });
    await qualified(rare, 'A999925900010', 'AB', { E: 'NEG', Fya: 'NEG', c: 'POS' });
    await qualified(common, 'A999925900011', 'AB', { E: 'NEG', Fya: 'POS' });
    await qualified(untyped, 'A999925900012', 'AB');
    await eventually(async () => {
      const res = await t.as('laboratory').get('/api/v1/donors/rare?group=AB%2B&negative=E,Fya').expect(200);
      expect(res.body.items.map((d: { donorId: string }) => d.donorId)).toEqual([rare]);
      expect(res.body.items[0]).toMatchObject({
        group: 'AB+',
        phenotype: { E: 'NEG', Fya: 'NEG', c: 'POS' },
      });
    });
    const profile = await t.as('donor-clinic').get(`/api/v1/donors/${rare}`).expect(200);
    expect(profile.body.bloodGroup).toBe('AB+');
    expect((await t.as('laboratory').get('/api/v1/donors/rare?negative=Xyz').expect(400)).body.code).toBe(
      'DONORS.UNKNOWN_ANTIGEN',
    );
    await t.as('phlebotomist').get('/api/v1/donors/rare?group=O-').expect(403);
  });

  it("finds every red-cell compatible rare donor for a recipient's group, not only the exact one", async () => {
    const typed = async (abo: string, rhd: string, din: string) => {
      const donorId = await register();
      await laboratoryRecords('DonationQualified', {
        din,
        donorId,
        bloodGroup: { abo, rhd },
        phenotype: { E: 'NEG', K: 'NEG' },
        qualifiedAt: '2026-10-01T09:00:00.000Z',
      });
      return donorId;
    };
    const oNeg = await typed('O', 'NEG', 'A999925900020');
    const aNeg = await typed('A', 'NEG', 'A999925900021');
    const aPos = await typed('A', 'POS', 'A999925900022');
    const bNeg = await typed('B', 'NEG', 'A999925900023');
    const found = await eventually(async () => {
      const res = await t.as('laboratory').get('/api/v1/donors/rare?recipient=A-&negative=E,K').expect(200);
      const ids = res.body.items.map((d: { donorId: string }) => d.donorId);
      expect(ids).toEqual(expect.arrayContaining([oNeg, aNeg]));
      return res.body;
    });
    expect(found).toMatchObject({ recipient: 'A-', compatibleGroups: ['O-', 'A-'] });
    const ids = found.items.map((d: { donorId: string }) => d.donorId);
    expect(ids).not.toContain(aPos);
    expect(ids).not.toContain(bNeg);
    expect(new Set(found.items.map((d: { group: string }) => d.group))).toEqual(new Set(['O-', 'A-']));
    const both = await t.as('laboratory').get('/api/v1/donors/rare?recipient=A-&group=A-').expect(400);
    expect(both.body.code).toBe('DONORS.GROUP_AND_RECIPIENT');
  });

  it('publishes the questionnaire of the active profile', async () => {
    const res = await t.as('donor-clinic').get('/api/v1/donors/screening-questions').expect(200);
    expect(res.body.profileId).toBe('CN-2019');
    expect(res.body.questions.map((q: { id: string }) => q.id)).toEqual(Object.keys(noDeferringAnswers));
  });
});
