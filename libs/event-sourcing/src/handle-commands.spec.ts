import { DomainError, newId } from '@hemotrace/kernel';
import { InMemoryEventStore } from './adapters/memory/in-memory-event-store';
import type { Decider, DomainEvent } from './decider';
import { ConcurrencyError } from './errors';
import type { AppendMetadata } from './event-store.port';
import { handleCommand } from './handle-command';
import { handleCommands, onStream } from './handle-commands';

type Claimed = DomainEvent<'SeatClaimed', { by: string }>;

/** A seat is claimed once; the claimant's id comes in with the command. */
const seat: Decider<{ by: string }, Claimed, string | null> = {
  initialState: null,
  evolve: (_, event) => event.data.by,
  decide: (command, holder) => {
    if (holder !== null) throw new DomainError('TEST.SEAT_TAKEN', `Taken by ${holder}`);
    return [{ type: 'SeatClaimed', data: { by: command.by } }];
  },
};

const meta = (commandId: string = newId()): AppendMetadata => ({
  actor: { userId: 'u1', role: 'admin', siteId: 'S' },
  correlationId: 'c',
  commandId,
  occurredAt: '2026-01-01T00:00:00.000Z',
});

describe('handling one fact that spans several streams', () => {
  it('records every stream of the fact in one append', async () => {
    const store = new InMemoryEventStore();
    const outcomes = await handleCommands(
      store,
      [onStream(seat, 'Seat-1', { by: 'ann' }), onStream(seat, 'Seat-2', { by: 'ann' })],
      meta(),
    );
    expect(outcomes.map((o) => [o.streamId, o.state, o.version])).toEqual([
      ['Seat-1', 'ann', 1],
      ['Seat-2', 'ann', 1],
    ]);
  });

  it('writes nothing on the first stream when the second refuses', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, seat, 'Seat-2', { by: 'bob' }, meta());
    await expect(
      handleCommands(
        store,
        [onStream(seat, 'Seat-1', { by: 'ann' }), onStream(seat, 'Seat-2', { by: 'ann' })],
        meta(),
      ),
    ).rejects.toMatchObject({ code: 'TEST.SEAT_TAKEN' });
    expect(await store.readStream('Seat-1')).toEqual([]);
  });

  it('lets one of two racing facts win and writes nothing of the other', async () => {
    const store = new InMemoryEventStore();
    const racing = await Promise.allSettled(
      ['ann', 'bob'].map((by) =>
        handleCommands(
          store,
          [onStream(seat, `Own-${by}`, { by }), onStream(seat, 'Seat-1', { by })],
          meta(),
        ),
      ),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = racing.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(failed.reason).toBeInstanceOf(ConcurrencyError);
    const owners = await Promise.all(['Own-ann', 'Own-bob'].map((id) => store.readStream(id)));
    expect(owners.filter((events) => events.length > 0)).toHaveLength(1);
  });

  it('answers a retry with the first run, even when the retry would decide differently', async () => {
    const store = new InMemoryEventStore();
    const commandId = newId();
    const first = await handleCommands(
      store,
      [onStream(seat, 'Seat-1', { by: 'ann' }), onStream(seat, 'Seat-2', { by: 'ann' })],
      meta(commandId),
    );
    const retry = await handleCommands(
      store,
      [onStream(seat, 'Seat-1', { by: 'other' }), onStream(seat, 'Seat-2', { by: 'other' })],
      meta(commandId),
    );
    expect(retry.map((o) => [o.duplicate, o.state])).toEqual([
      [true, 'ann'],
      [true, 'ann'],
    ]);
    expect(retry[0].events).toEqual(first[0].events);
  });
});

describe('handling a command whose concurrent twin got there first', () => {
  it('answers with what the twin recorded, not with what this run decided', async () => {
    const store = new InMemoryEventStore();
    const commandId = newId();
    const [a, b] = await Promise.all([
      handleCommand(store, seat, 'Seat-9', { by: 'first-run' }, meta(commandId)),
      handleCommand(store, seat, 'Seat-9', { by: 'twin-run' }, meta(commandId)),
    ]);
    expect(await store.readStream('Seat-9')).toHaveLength(1);
    expect(a.state).toBe(b.state);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(b.events.map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
  });
});

describe('handling a fact whose later stream depends on what the first decided', () => {
  it('asks the later stream only when the first decided the event it depends on', async () => {
    const store = new InMemoryEventStore();
    const followUp = (earlier: readonly DomainEvent[]) =>
      earlier.some((e) => e.type === 'SeatClaimed') ? { by: 'ann' } : null;
    await handleCommands(
      store,
      [onStream(seat, 'Seat-1', { by: 'ann' }), onStream(seat, 'Seat-1-badge', followUp)],
      meta(),
    );
    expect(await store.readStream('Seat-1-badge')).toHaveLength(1);
    const none = await handleCommands(store, [onStream(seat, 'Seat-2-badge', () => null)], meta());
    expect(none[0].events).toEqual([]);
    expect(await store.readStream('Seat-2-badge')).toEqual([]);
  });
});
