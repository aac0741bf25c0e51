import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const POSITION = 'x-hemotrace-position';

describe('reading your own writes over HTTP', () => {
  let t: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await t.close();
  });

  it('names the log position of the last event a command wrote, and the next query sees the write', async () => {
    const res = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Wang Fang',
        document: { type: 'RESIDENT_ID_CARD', number: '110101199005017777' },
        birthDate: '1990-05-01',
        sex: 'F',
        contact: { phone: '+86 138 0000 0001' },
      })
      .expect(201);
    const donorId = res.body.donorId as string;
    const position = Number(res.headers[POSITION]);
    expect(Number.isInteger(position) && position > 0).toBe(true);
    const [identity] = await store.readStream(`DonorIdentity-${donorId}`);
    const [donorEvent] = await store.readStream(`Donor-${donorId}`);
    expect(identity.globalPosition).toBe(position);
    expect(donorEvent.globalPosition).toBeLessThan(position);

    const donor = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
    expect(donor.body.donorId).toBe(donorId);
  });

  it('answers a query that names a position once the read models have reached it, even for a write nobody announced', async () => {
    const din = 'A999926000777';
    const appended = await store.append({
      streamId: `Donation-${din}`,
      events: [
        {
          type: 'DonationCompleted',
          data: {
            din,
            donorId: 'donor-ryw-1',
            procedure: 'WHOLE_BLOOD',
            volumeMl: 400,
            startedAt: '2026-03-01T08:00:00.000Z',
            endedAt: '2026-03-01T08:09:00.000Z',
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
        occurredAt: '2026-03-01T08:09:00.000Z',
      },
    });
    const position = appended.events[0].globalPosition;
    const res = await t
      .as('laboratory')
      .get(`/api/v1/laboratory/donations/${din}`)
      .set(POSITION, String(position))
      .expect(200);
    expect(res.body.din).toBe(din);
  });

  it('sends no position with a query, which wrote nothing', async () => {
    const res = await t.as('quality-auditor').get('/api/v1/integrity').expect(200);
    expect(res.headers[POSITION]).toBeUndefined();
  });
});
