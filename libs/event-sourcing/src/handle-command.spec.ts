import { DomainError, newId } from '@hemotrace/kernel';
import { InMemoryEventStore } from './adapters/memory/in-memory-event-store';
import type { Decider, DomainEvent } from './decider';
import { ConcurrencyError } from './errors';
import type { AppendMetadata } from './event-store.port';
import { handleCommand } from './handle-command';
import { StreamStateCache } from './stream-state-cache';

type DoseEvent = DomainEvent<'DoseGiven', { n: number }>;
interface GiveDose {
  max: number;
}

/** A tiny decider: at most `max` doses per stream, refused with a stable code beyond that. */
const doses: Decider<GiveDose, DoseEvent, number> = {
  initialState: 0,
  evolve: (given) => given + 1,
  decide: (command, given) => {
    if (given >= command.max) throw new DomainError('TEST.LIMIT_REACHED', 'No more doses');
    return [{ type: 'DoseGiven', data: { n: given + 1 } }];
  },
};

const meta = (commandId: string = newId()): AppendMetadata => ({
  actor: { userId: 'u1', role: 'admin', siteId: 'S' },
  correlationId: 'c',
  commandId,
  occurredAt: '2026-01-01T00:00:00.000Z',
});

describe('handling a command with a stream-state cache', () => {
  const streamId = 'Doses-1';

  it('decides on the stored stream when another writer made the cache stale', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache();
    await handleCommand(store, doses, streamId, { max: 3 }, meta(), { cache });
    await handleCommand(store, doses, streamId, { max: 3 }, meta());
    const third = await handleCommand(store, doses, streamId, { max: 3 }, meta(), { cache });
    expect(third.events.map((e) => e.data)).toEqual([{ n: 3 }]);
    expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('refuses by the stored stream, not by a stale cache', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache();
    await handleCommand(store, doses, streamId, { max: 2 }, meta(), { cache });
    await handleCommand(store, doses, streamId, { max: 2 }, meta());
    await expect(handleCommand(store, doses, streamId, { max: 2 }, meta(), { cache })).rejects.toMatchObject({
      code: 'TEST.LIMIT_REACHED',
    });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('answers a retried command with its first result, cached or not', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache();
    const commandId = newId();
    const first = await handleCommand(store, doses, streamId, { max: 1 }, meta(commandId), { cache });
    const retry = await handleCommand(store, doses, streamId, { max: 1 }, meta(commandId), { cache });
    const retryElsewhere = await handleCommand(store, doses, streamId, { max: 1 }, meta(commandId), {
      cache: new StreamStateCache(),
    });
    expect(retry).toMatchObject({ duplicate: true, events: first.events });
    expect(retryElsewhere).toMatchObject({ duplicate: true, events: first.events });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('still reports a real conflict between uncached writers as a ConcurrencyError', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, doses, streamId, { max: 9 }, meta());
    const racing = await Promise.allSettled(
      Array.from({ length: 5 }, () => handleCommand(store, doses, streamId, { max: 9 }, meta())),
    );
    const failures = racing.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(streamId)).toHaveLength(1 + racing.length - failures.length);
  });

  it('keeps the cache bounded, forgetting the least recently used stream first', () => {
    const cache = new StreamStateCache(2);
    cache.set(doses, 'a', { state: 1, version: 1, commandIds: new Set() });
    cache.set(doses, 'b', { state: 1, version: 1, commandIds: new Set() });
    cache.get(doses, 'a');
    cache.set(doses, 'c', { state: 1, version: 1, commandIds: new Set() });
    expect(cache.get(doses, 'b')).toBeUndefined();
    expect(cache.get(doses, 'a')).toBeDefined();
    expect(cache.get(doses, 'c')).toBeDefined();
  });

  it('counts a forgotten stream out of the bound and keeps the recency of the streams used since', () => {
    const cache = new StreamStateCache(3);
    const entry = (state: number) => ({ state, version: state, commandIds: new Set<string>() });
    for (const id of ['a', 'b', 'c']) cache.set(doses, id, entry(1));
    cache.delete(doses, 'b');
    cache.set(doses, 'a', entry(2));
    cache.set(doses, 'd', entry(1));
    cache.get(doses, 'c');
    cache.set(doses, 'e', entry(1));
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => cache.get(doses, id))).toEqual(['c', 'd', 'e']);
    expect(cache.get(doses, 'e')).toMatchObject({ state: 1 });
  });

  it('recognises a retry of a command appended through the cache without deciding again', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamStateCache();
    await handleCommand(store, doses, streamId, { max: 5 }, meta(), { cache });
    const commandId = newId();
    const first = await handleCommand(store, doses, streamId, { max: 5 }, meta(commandId), { cache });
    const retry = await handleCommand(store, doses, streamId, { max: 2 }, meta(commandId), { cache });
    expect(cache.get(doses, streamId)?.commandIds.has(commandId)).toBe(true);
    expect(retry).toMatchObject({ duplicate: true, events: first.events, version: 2, state: 2 });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });
});
