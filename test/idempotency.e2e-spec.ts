import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import { computeDinCheckCharacter, newId } from '@hemotrace/kernel';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';

let seq = 0;
const nextDin = (): string => `A999927${String(++seq).padStart(6, '0')}`;
const documentNumber = () => `E${Date.now().toString().slice(-6)}${String(++seq).padStart(4, '0')}`;

/** Idempotency-Key as the IETF httpapi draft describes it, on every command route (issue 13). */
describe('Idempotency-Key over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const logLength = async (): Promise<number> =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll('', 1_000_000)).events.length;

  const donorBody = () => ({
    name: 'Chen Jing',
    document: { type: 'PASSPORT', number: documentNumber() },
    birthDate: '1992-08-15',
    sex: 'M',
    contact: {},
  });

  const eligibleDonor = async (): Promise<string> => {
    const { body } = await t.as('donor-clinic').post('/api/v1/donors').send(donorBody()).expect(201);
    await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${body.donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(201);
    return body.donorId as string;
  };

  const startBody = (donorId: string) => {
    const din = nextDin();
    return {
      din: `${din}${computeDinCheckCharacter(din)}`,
      donorId,
      procedure: 'WHOLE_BLOOD',
      volumeMl: 400,
      siteId: 'BC-1-BUS-2',
      siteType: 'MOBILE_VEHICLE',
      bagLot: 'BAG-2026-0311',
    };
  };

  it('answers a retried POST /donations with its first status and body, writing nothing new', async () => {
    const body = startBody(await eligibleDonor());
    const key = `start-${newId()}`;
    const first = await t.as('phlebotomist').post('/api/v1/donations').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    const before = await logLength();
    const retry = await t.as('phlebotomist').post('/api/v1/donations').set('Idempotency-Key', key).send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await logLength()).toBe(before);
    const another = await t
      .as('phlebotomist')
      .post('/api/v1/donations')
      .set('Idempotency-Key', `start-${newId()}`)
      .send(body);
    expect(another.status).toBe(409);
  });

  it('refuses the same key with another payload with 422 IDEMPOTENCY.KEY_REUSED and writes nothing', async () => {
    const key = `register-${newId()}`;
    await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Idempotency-Key', key)
      .send(donorBody())
      .expect(201);
    const before = await logLength();
    const reused = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Idempotency-Key', key)
      .send(donorBody())
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await logLength()).toBe(before);
  });

  it('answers a retried refusal with the same 4xx status and body', async () => {
    const key = `refused-${newId()}`;
    const body = startBody(newId());
    const first = await t.as('phlebotomist').post('/api/v1/donations').set('Idempotency-Key', key).send(body);
    expect(first.status).toBeGreaterThanOrEqual(400);
    expect(first.status).toBeLessThan(500);
    const retry = await t.as('phlebotomist').post('/api/v1/donations').set('Idempotency-Key', key).send(body);
    expect([retry.status, retry.body]).toEqual([first.status, first.body]);
  });

  it('keeps keys apart per credential: another user with the same key runs its own command', async () => {
    const key = `shared-${newId()}`;
    const mine = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Idempotency-Key', key)
      .send(donorBody())
      .expect(201);
    const theirs = await t.as('admin').post('/api/v1/donors').set('Idempotency-Key', key).send(donorBody());
    expect(theirs.status).toBe(201);
    expect(theirs.body.donorId).not.toBe(mine.body.donorId);
  });

  it('executes simultaneous requests under one key once and answers them all alike', async () => {
    const body = donorBody();
    const key = `twins-${newId()}`;
    const before = await logLength();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.as('donor-clinic').post('/api/v1/donors').set('Idempotency-Key', key).send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.donorId)).size).toBe(1);
    expect(await logLength()).toBe(before + 3);
  });
});
