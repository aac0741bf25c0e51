import Database from 'better-sqlite3';
import {
  canonicalEnvelope,
  eventHashIsValid,
  SqliteEventStore,
  verifyStore,
} from '@hemotrace/event-sourcing';
import { originalCanonicalEnvelope } from '@hemotrace/event-sourcing/testing';
import { DemoDataGenerator } from './demo-data.generator';
import { appendPlannedEvents } from './demo-writers';

describe('the hash chain of a generated store', () => {
  it('writes every envelope in the same canonical bytes as the generic form, through the real write path', async () => {
    const clock = { at: new Date(0).toISOString() };
    const store = new SqliteEventStore(new Database(':memory:'), () => new Date(clock.at));
    const generator = new DemoDataGenerator({ donations: 80, seed: 7, planReactions: true });
    const written = await appendPlannedEvents(store, generator.events(), clock);
    let checked = 0;
    const types = new Set<string>();
    for (let checkpoint = ''; ;) {
      const batch = await store.readAll(checkpoint, 1000);
      if (batch.events.length === 0) break;
      for (const event of batch.events) {
        expect(canonicalEnvelope(event)).toBe(originalCanonicalEnvelope(event));
        expect(eventHashIsValid(event)).toBe(true);
        types.add(event.type);
        checked += 1;
      }
      checkpoint = batch.checkpoint;
    }
    expect(checked).toBe(written);
    expect(types.size).toBeGreaterThan(20);
    expect((await verifyStore(store)).ok).toBe(true);
    await store.close();
  });
});
