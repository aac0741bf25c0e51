import Database from 'better-sqlite3';
import { SqliteEventStore } from './adapters/sqlite/sqlite-event-store';
import { SqliteReadModelStore } from './adapters/sqlite/sqlite-read-model-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const unitsByStatus: Projection = {
  name: 'test.units',
  collections: ['units'],
  indexes: { units: [['status']] },
  handles: ['UnitReleased'],
  apply: async (event, tx) => {
    const { unitId } = event.data as { unitId: string };
    const seen = await tx.get<{ releases: number }>('units', unitId);
    tx.put('units', unitId, { id: unitId, status: 'Released', releases: (seen?.releases ?? 0) + 1 });
  },
};

const metadata = {
  actor: { userId: 'u', role: 'components' as const, siteId: 'BC-1' },
  correlationId: 'c',
  occurredAt: '2026-01-01T00:00:00.000Z',
};

describe('the projection runner on SQLite', () => {
  let db: Database.Database;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;

  beforeEach(async () => {
    db = new Database(':memory:');
    events = new SqliteEventStore(db);
    readModels = new SqliteReadModelStore(db);
    for (const unitId of ['U1', 'U2']) {
      await events.append({
        streamId: `Unit-${unitId}`,
        events: [
          { type: 'UnitPrepared', data: { unitId } },
          { type: 'UnitReleased', data: { unitId } },
        ],
        expectedVersion: 'no_stream',
        metadata,
      });
    }
  });

  afterEach(() => db.close());

  const indexNames = () =>
    db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'rmp%'",
      )
      .all()
      .map((r) => r.name);

  it('folds what it handles and stores its checkpoint with the documents', async () => {
    const runner = new ProjectionRunner(events, readModels);
    runner.addProjection(unitsByStatus);
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    expect(await readModels.find('units', { status: 'Released' }, { orderBy: { field: 'id' } })).toEqual([
      { id: 'U1', status: 'Released', releases: 1 },
      { id: 'U2', status: 'Released', releases: 1 },
    ]);
    expect(await readModels.getCheckpoint('test.units')).toBe('4');
  });

  it('restores missing indexes when it restarts on a store that already has a checkpoint', async () => {
    const first = new ProjectionRunner(events, readModels);
    first.addProjection(unitsByStatus);
    await first.start();
    await first.catchUp();
    await first.stop();
    for (const name of indexNames()) db.exec(`DROP INDEX ${name}`);
    expect(indexNames()).toEqual([]);

    const second = new ProjectionRunner(events, readModels);
    second.addProjection(unitsByStatus);
    await second.start();
    await second.stop();
    expect(indexNames()).toEqual(['rmp_units_status']);
    expect(await readModels.getCheckpoint('test.units')).toBe('4');
  });

  it('rebuilds from position 0 to the same documents, not doubling anything', async () => {
    const runner = new ProjectionRunner(events, readModels);
    runner.addProjection(unitsByStatus);
    await runner.start();
    await runner.catchUp();
    await runner.rebuild('test.units');
    await runner.stop();
    expect(await readModels.get('units', 'U1')).toEqual({ id: 'U1', status: 'Released', releases: 1 });
    expect(indexNames()).toEqual(['rmp_units_status']);
  });
});
