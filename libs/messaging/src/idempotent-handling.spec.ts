import { InMemoryReadModelStore, UnitOfWork } from '@hemotrace/event-sourcing';
import type { IntegrationEventHandler } from './bus.port';
import type { IntegrationEvent } from './contracts/integration-event';
import { handleOnce, PROCESSED_MESSAGES, processedMessageId } from './idempotent-handling';

const event = (id: string): IntegrationEvent => ({
  id,
  type: 'laboratory.DonationQualified.v1',
  source: 'hemotrace/laboratory',
  subject: 'DonationTesting-G1',
  time: '2025-03-01T08:00:00.000Z',
  recordedAt: '2025-03-01T08:00:00.000Z',
  streamVersion: 1,
  correlationId: 'c',
  causationId: null,
  data: { din: 'G1' },
});

const counting = (name = 'release-units'): IntegrationEventHandler & { calls: number } => ({
  name,
  contexts: ['laboratory'],
  calls: 0,
  async handle(e, tx) {
    this.calls += 1;
    const doc = (await tx.get<{ id: string; count: number }>('released', e.subject)) ?? {
      id: e.subject,
      count: 0,
    };
    tx.put('released', e.subject, { ...doc, count: doc.count + 1 });
  },
});

/** What a bus does per delivery: a unit of work, committed with the checkpoint. */
const deliver = async (
  store: InMemoryReadModelStore,
  handler: IntegrationEventHandler,
  e: IntegrationEvent,
) => {
  const tx = new UnitOfWork(store);
  const fresh = await handleOnce(handler, e, tx, '2025-03-01T09:00:00.000Z');
  await store.commit(`consumer:${handler.name}`, e.id, tx.writes());
  return fresh;
};

describe('idempotent handling', () => {
  it('runs the handler once per event id, however often the event is delivered', async () => {
    const store = new InMemoryReadModelStore();
    const handler = counting();
    expect(await deliver(store, handler, event('e-1'))).toBe(true);
    expect(await deliver(store, handler, event('e-1'))).toBe(false);
    expect(await deliver(store, handler, event('e-2'))).toBe(true);
    expect(handler.calls).toBe(2);
    expect(await store.get('released', 'DonationTesting-G1')).toEqual({ id: 'DonationTesting-G1', count: 2 });
    expect(await store.get(PROCESSED_MESSAGES, processedMessageId('release-units', 'e-1'))).toMatchObject({
      handler: 'release-units',
      eventId: 'e-1',
      type: 'laboratory.DonationQualified.v1',
    });
  });

  it('dedupes per handler: a second handler still sees the event', async () => {
    const store = new InMemoryReadModelStore();
    await deliver(store, counting('a'), event('e-1'));
    const other = counting('b');
    expect(await deliver(store, other, event('e-1'))).toBe(true);
    expect(other.calls).toBe(1);
  });

  it('leaves neither effects nor the marker behind when the handler fails', async () => {
    const store = new InMemoryReadModelStore();
    const failing: IntegrationEventHandler = {
      name: 'flaky',
      contexts: ['laboratory'],
      async handle(e, tx) {
        tx.put('released', e.subject, { id: e.subject });
        throw new Error('downstream unavailable');
      },
    };
    const tx = new UnitOfWork(store);
    await expect(handleOnce(failing, event('e-1'), tx, 'now')).rejects.toThrow('downstream unavailable');
    expect(tx.writes()).toEqual([]);
    const retried = counting('flaky');
    expect(await deliver(store, retried, event('e-1'))).toBe(true);
    expect(retried.calls).toBe(1);
  });
});
