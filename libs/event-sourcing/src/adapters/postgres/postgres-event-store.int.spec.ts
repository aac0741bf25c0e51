import { eventStoreContract } from '../../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { postgresTestUrl, throwawaySchema } from './postgres-test-database';

const url = postgresTestUrl('PostgreSQL event store contract');
const describeWithPostgres = url ? describe : describe.skip;

describeWithPostgres('PostgreSQL', () => {
  eventStoreContract('PostgreSQL', async () => {
    const db = await throwawaySchema(url!);
    const store = await PostgresEventStore.open(db.pool, { schema: db.schema });
    return {
      store,
      teardown: () => db.drop(),
      tamperer: {
        changeData: async (eventId, data) => {
          await db.pool.query('UPDATE events SET data = $1 WHERE event_id = $2', [
            JSON.stringify(data),
            eventId,
          ]);
        },
        remove: async (eventId) => {
          await db.pool.query('DELETE FROM events WHERE event_id = $1', [eventId]);
        },
        swapPayloads: async (a, b) => {
          const position = async (eventId: string) =>
            (await db.pool.query('SELECT global_position p FROM events WHERE event_id = $1', [eventId]))
              .rows[0].p;
          const [pa, pb] = [await position(a), await position(b)];
          const move = 'UPDATE events SET global_position = $1 WHERE event_id = $2';
          await db.pool.query(move, [-1, a]);
          await db.pool.query(move, [pa, b]);
          await db.pool.query(move, [pb, a]);
        },
      },
    };
  });
});
