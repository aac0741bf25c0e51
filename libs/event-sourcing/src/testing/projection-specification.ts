import { systemActor } from '@hemotrace/kernel';
import { InMemoryEventStore } from '../adapters/memory/in-memory-event-store';
import type { EventStore } from '../event-store.port';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { InMemoryReadModelStore } from '../read-models/in-memory-read-model-store';
import type { DocumentReader } from '../read-models/read-model-store.port';

export interface GivenEvent {
  streamId: string;
  type: string;
  data: unknown;
  /** Business time; a fixed instant in the past by default. */
  occurredAt?: string;
  siteId?: string;
}

/** Appends the given events, one per append, in order, each recorded at its site by the system actor. */
export const appendGiven = async (store: EventStore, given: readonly GivenEvent[]): Promise<void> => {
  for (const event of given) {
    await store.append({
      streamId: event.streamId,
      events: [{ type: event.type, data: event.data }],
      expectedVersion: 'any',
      metadata: {
        actor: systemActor(event.siteId ?? 'BC-1'),
        correlationId: 'projection-spec',
        occurredAt: event.occurredAt ?? '2025-03-01T08:00:00.000Z',
      },
    });
  }
};

/**
 * given(events).then(documents) for one projection: the events are appended to an in-memory
 * store and folded by the real runner, exactly as in the application; the assertion reads the
 * resulting documents.
 */
export const ProjectionSpecification = {
  for(projection: Projection) {
    return (given: GivenEvent[]) => ({
      async then(assert: (documents: DocumentReader) => Promise<void> | void): Promise<void> {
        const store = new InMemoryEventStore();
        const readModels = new InMemoryReadModelStore();
        await appendGiven(store, given);
        const runner = new ProjectionRunner(store, readModels);
        runner.addProjection(projection);
        await runner.catchUp();
        await assert(readModels);
      },
    });
  },
};
