import type { EventStore } from '@hemotrace/event-sourcing';
import { InMemoryEventStore, InMemoryReadModelStore, ProjectionRunner } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import type { ContractProjection, IntegrationEventHandler } from '../bus.port';
import { ContractRegistry } from '../contracts/contract-registry';
import type { IntegrationEvent } from '../contracts/integration-event';
import { PROCESSED_MESSAGES } from '../idempotent-handling';
import type { DeadLetter } from '../failures/dead-letter';
import { DEAD_LETTERS } from '../failures/dead-letter';
import { InProcessBus } from './in-process-bus';

const append = (store: EventStore, streamId: string, type: string, data: unknown = {}) =>
  store.append({
    streamId,
    events: [{ type, data }],
    expectedVersion: 'any',
    metadata: { actor: systemActor('BC-1'), correlationId: 'corr-1', occurredAt: '2025-03-01T08:00:00.000Z' },
  });

const setup = () => {
  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const runner = new ProjectionRunner(store, readModels);
  const bus = new InProcessBus(runner, new ContractRegistry({ publishUnregistered: true }), {
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
  });
  return { store, readModels, runner, bus };
};

const recording = (name: string, seen: IntegrationEvent[], types?: string[]): IntegrationEventHandler => ({
  name,
  contexts: ['laboratory', 'donors'],
  types,
  async handle(event, tx) {
    seen.push(event);
    tx.put('seen', event.id, { id: event.id, type: event.type });
  },
});

describe('the in-process bus', () => {
  it('delivers the same integration events as Kafka would, in log order, to the contexts asked for', async () => {
    const { store, readModels, runner, bus } = setup();
    const seen: IntegrationEvent[] = [];
    bus.subscribe(recording('lab-watcher', seen));
    await append(store, 'DonationTesting-G1', 'DonationQualified', { din: 'G1' });
    await append(store, 'Donation-G2', 'DonationCompleted', { din: 'G2' });
    await append(store, 'DonorIdentity-d-1', 'DonorIdentityRecorded', { name: 'Li Wei' });
    await append(store, 'Donor-d-1', 'DonorDeferred', { donorId: 'd-1' });
    await runner.catchUp();
    expect(seen.map((e) => [e.type, e.subject])).toEqual([
      ['laboratory.DonationQualified.v1', 'DonationTesting-G1'],
      ['donors.DonorDeferred.v1', 'Donor-d-1'],
    ]);
    expect(seen[0]).toMatchObject({
      source: 'hemotrace/laboratory',
      correlationId: 'corr-1',
      data: { din: 'G1' },
    });
    expect(await readModels.count('seen')).toBe(2);
    expect(await readModels.count(PROCESSED_MESSAGES)).toBe(2);
  });

  it('filters by contract type', async () => {
    const { store, runner, bus } = setup();
    const seen: IntegrationEvent[] = [];
    bus.subscribe(recording('rejections', seen, ['laboratory.DonationRejected.v1']));
    await append(store, 'DonationTesting-G1', 'DonationQualified');
    await append(store, 'DonationTesting-G2', 'DonationRejected');
    await runner.catchUp();
    expect(seen.map((e) => e.subject)).toEqual(['DonationTesting-G2']);
  });

  it('does not repeat effects when the log is replayed from position 0', async () => {
    const { store, readModels, runner, bus } = setup();
    const seen: IntegrationEvent[] = [];
    bus.subscribe(recording('replayed', seen));
    await append(store, 'DonationTesting-G1', 'DonationQualified');
    await runner.catchUp();
    await runner.rebuild(InProcessBus.processorName({ name: 'replayed' }));
    expect(seen).toHaveLength(1);
    expect(await readModels.count('seen')).toBe(1);
  });

  it('retries a failing handler, then dead-letters the event and goes on with the next', async () => {
    const { store, readModels, runner, bus } = setup();
    let attempts = 0;
    const seen: string[] = [];
    bus.subscribe({
      name: 'fragile',
      contexts: ['laboratory'],
      async handle(event, tx) {
        if (event.subject === 'DonationTesting-BAD') {
          attempts += 1;
          tx.put('seen', event.id, { id: event.id });
          throw new Error('cannot release');
        }
        seen.push(event.subject);
      },
    });
    await append(store, 'DonationTesting-BAD', 'DonationQualified');
    await append(store, 'DonationTesting-G2', 'DonationQualified');
    await runner.catchUp();
    expect(attempts).toBe(3);
    expect(seen).toEqual(['DonationTesting-G2']);
    expect(await readModels.count('seen')).toBe(0);
    const [letter] = await readModels.find<DeadLetter>(DEAD_LETTERS);
    expect(letter).toMatchObject({
      handler: 'fragile',
      attempts: 3,
      error: { message: 'cannot release' },
      event: { subject: 'DonationTesting-BAD', type: 'laboratory.DonationQualified.v1' },
    });
  });

  it('names the subscriptions no registered contract will ever feed', () => {
    const store = new InMemoryEventStore();
    const runner = new ProjectionRunner(store, new InMemoryReadModelStore());
    const registry = new ContractRegistry();
    registry.registerContract({
      context: 'laboratory',
      storedType: 'DonationQualified',
      contractType: 'DonationQualified',
      version: 1,
      toContract: (e) => e.data,
    });
    const bus = new InProcessBus(runner, registry);
    bus.subscribe(recording('fed', [], ['laboratory.DonationQualified.v1']));
    bus.subscribe(recording('starved', [], ['laboratory.DonationQualified.v1', 'donors.DonorDeferred.v1']));
    expect(bus.unpublishedSubscriptions()).toEqual([{ handler: 'starved', type: 'donors.DonorDeferred.v1' }]);
  });

  it('refuses two handlers with one name', () => {
    const { bus } = setup();
    bus.subscribe(recording('twice', []));
    expect(() => bus.subscribe(recording('twice', []))).toThrow(/already subscribed/);
  });

  describe('a projection fed by contracts', () => {
    const counting = (fail?: (event: IntegrationEvent) => boolean): ContractProjection => ({
      name: 'qualified-per-donor',
      contexts: ['laboratory'],
      types: ['laboratory.DonationQualified.v1'],
      collections: ['qualified_per_donor'],
      async handle(event, tx) {
        if (fail?.(event)) throw new Error('cannot fold this one');
        const { donorId } = event.data as { donorId: string };
        const doc = await tx.get<{ id: string; count: number }>('qualified_per_donor', donorId);
        tx.put('qualified_per_donor', donorId, { id: donorId, count: (doc?.count ?? 0) + 1 });
      },
    });

    it('folds only the contracts it asks for, and leaves no processed markers behind', async () => {
      const { store, readModels, runner, bus } = setup();
      bus.project(counting());
      await append(store, 'DonationTesting-G1', 'DonationQualified', { donorId: 'd-1' });
      await append(store, 'DonationTesting-G2', 'DonationRejected', { donorId: 'd-1' });
      await append(store, 'DonationTesting-G3', 'DonationQualified', { donorId: 'd-1' });
      await runner.catchUp();
      expect(await readModels.get('qualified_per_donor', 'd-1')).toEqual({ id: 'd-1', count: 2 });
      expect(await readModels.count(PROCESSED_MESSAGES)).toBe(0);
    });

    it('is rebuilt from the log: its documents are cleared and every contract is folded again once', async () => {
      const { store, readModels, runner, bus } = setup();
      bus.project(counting());
      await append(store, 'DonationTesting-G1', 'DonationQualified', { donorId: 'd-1' });
      await runner.catchUp();
      await runner.rebuild(InProcessBus.projectionName({ name: 'qualified-per-donor' }));
      expect(await readModels.get('qualified_per_donor', 'd-1')).toEqual({ id: 'd-1', count: 1 });
    });

    it('is waited for by queries that read their own writes, unlike a reaction', async () => {
      const { store, readModels, runner, bus } = setup();
      bus.project(counting());
      await runner.start();
      try {
        const { events } = await append(store, 'DonationTesting-G1', 'DonationQualified', { donorId: 'd-1' });
        runner.poke(events[0].globalPosition);
        await runner.settled();
        expect(await readModels.get('qualified_per_donor', 'd-1')).toEqual({ id: 'd-1', count: 1 });
      } finally {
        await runner.stop();
      }
    });

    it('dead-letters a contract it cannot fold and goes on with the next', async () => {
      const { store, readModels, runner, bus } = setup();
      bus.project(counting((event) => event.subject === 'DonationTesting-G1'));
      await append(store, 'DonationTesting-G1', 'DonationQualified', { donorId: 'd-1' });
      await append(store, 'DonationTesting-G2', 'DonationQualified', { donorId: 'd-1' });
      await runner.catchUp();
      expect(await readModels.get('qualified_per_donor', 'd-1')).toEqual({ id: 'd-1', count: 1 });
      const letters = await readModels.find<DeadLetter>(DEAD_LETTERS);
      expect(letters.map((l) => [l.handler, l.event.subject, l.attempts])).toEqual([
        ['qualified-per-donor', 'DonationTesting-G1', 3],
      ]);
    });
  });
});
