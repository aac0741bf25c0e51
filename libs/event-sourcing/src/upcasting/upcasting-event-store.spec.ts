import { systemActor } from '@hemotrace/kernel';
import { InMemoryEventStore } from '../adapters/memory/in-memory-event-store';
import type { LogBatch } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import { verifyEvents } from '../verify';
import { UpcasterRegistry } from './upcaster-registry';
import { UpcastingEventStore } from './upcasting-event-store';

const metadata = { actor: systemActor('BC-1'), correlationId: 'c-1', occurredAt: '2025-03-01T08:00:00.000Z' };

const setup = () => {
  const registry = new UpcasterRegistry();
  registry.register(
    { type: 'TemperatureLogged', fromVersion: 1, upcast: (d: { temp: number }) => ({ celsius: d.temp }) },
    {
      type: 'TemperatureLogged',
      fromVersion: 2,
      upcast: (d: { celsius: number }) => ({ reading: { value: d.celsius, unit: 'C' } }),
    },
  );
  const raw = new InMemoryEventStore();
  return { registry, raw, store: new UpcastingEventStore(raw, registry) };
};

describe('reading through the upcasters', () => {
  it('reads a version 1 event written raw in its current shape, and its hash still verifies', async () => {
    const { raw, store } = setup();
    await raw.append({
      streamId: 'Equipment-F1',
      events: [{ type: 'TemperatureLogged', data: { temp: 4 }, schemaVersion: 1 }],
      expectedVersion: 'no_stream',
      metadata,
    });
    const [event] = await store.readStream('Equipment-F1');
    expect(event).toMatchObject({
      schemaVersion: 3,
      data: { reading: { value: 4, unit: 'C' } },
      storedAs: { schemaVersion: 1, data: { temp: 4 } },
    });
    expect(verifyEvents([event!]).ok).toBe(true);
    expect(verifyEvents([{ ...event!, storedAs: undefined }]).ok).toBe(false);
  });

  it('upcasts the global log and subscriptions too, and leaves other types as they are', async () => {
    const { raw, store } = setup();
    await raw.append({
      streamId: 'Equipment-F1',
      events: [
        { type: 'TemperatureLogged', data: { temp: 4 }, schemaVersion: 1 },
        { type: 'DoorOpened', data: { by: 'u-1' } },
      ],
      expectedVersion: 'any',
      metadata,
    });
    const batch = await store.readAll(LOG_START, 10);
    expect(batch.events.map((e) => [e.schemaVersion, e.data])).toEqual([
      [3, { reading: { value: 4, unit: 'C' } }],
      [1, { by: 'u-1' }],
    ]);
    let subscription: { stop(): Promise<void> } | undefined;
    const seen = await new Promise<LogBatch>((resolve) => {
      subscription = store.subscribe(LOG_START, async (b) => resolve(b));
    });
    await subscription?.stop();
    expect(seen.events[0]?.data).toEqual({ reading: { value: 4, unit: 'C' } });
  });

  it('writes new events in the current version, and copies upcast events to another store as stored', async () => {
    const { raw, store } = setup();
    const appended = await store.append({
      streamId: 'Equipment-F2',
      events: [{ type: 'TemperatureLogged', data: { reading: { value: 5, unit: 'C' } } }],
      expectedVersion: 'no_stream',
      metadata,
    });
    expect(appended.events[0]?.schemaVersion).toBe(3);
    await raw.append({
      streamId: 'Equipment-F1',
      events: [{ type: 'TemperatureLogged', data: { temp: 4 }, schemaVersion: 1 }],
      expectedVersion: 'no_stream',
      metadata,
    });
    const target = new InMemoryEventStore();
    await new UpcastingEventStore(target).importRecorded(await store.readStream('Equipment-F1'));
    const [copied] = await target.readStream('Equipment-F1');
    expect(copied).toMatchObject({ schemaVersion: 1, data: { temp: 4 } });
    expect(copied?.storedAs).toBeUndefined();
    expect(verifyEvents([copied!]).ok).toBe(true);
  });

  it('refuses two different upcasters from one version', () => {
    const { registry } = setup();
    expect(() => registry.register({ type: 'TemperatureLogged', fromVersion: 1, upcast: (d) => d })).toThrow(
      /already has an upcaster/,
    );
  });
});
