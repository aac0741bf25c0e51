import { eventStoreContract } from '../../testing/event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  const index = (log: { eventId: string }[], id: string) => log.findIndex((e) => e.eventId === id);
  return {
    store,
    tamperer: {
      changeData: async (eventId, data) =>
        store.tamper((log) => {
          log[index(log, eventId)] = { ...log[index(log, eventId)], data };
        }),
      remove: async (eventId) => store.tamper((log) => void log.splice(index(log, eventId), 1)),
      swapPayloads: async (a, b) =>
        store.tamper((log) => {
          const [i, j] = [index(log, a), index(log, b)];
          const [x, y] = [log[i], log[j]];
          log[i] = { ...y, globalPosition: x.globalPosition };
          log[j] = { ...x, globalPosition: y.globalPosition };
        }),
    },
  };
});
