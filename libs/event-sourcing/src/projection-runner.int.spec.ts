import Database from 'better-sqlite3';
import { SqliteEventStore } from './adapters/sqlite/sqlite-event-store';
import { SqliteReadModelStore } from './adapters/sqlite/sqlite-read-model-store';
import type { Projection } from './projection';
import { LOG_START } from './event-store.port';
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

  const counting = (name: string, handles: string[]): Projection & { seen: string[] } => {
    const seen: string[] = [];
    return {
      name,
      collections: [name],
      handles,
      seen,
      apply: (event) => {
        seen.push(`${event.type}@${event.globalPosition}`);
      },
    };
  };

  it('reads the log once per batch for every processor at the same checkpoint and hands events out by type', async () => {
    const runner = new ProjectionRunner(events, readModels);
    const released = counting('test.released', ['UnitReleased']);
    const prepared = counting('test.prepared', ['UnitPrepared']);
    runner.addProjection(released);
    runner.addProjection(prepared);
    await runner.start();
    await runner.catchUp();
    const reads = jest.spyOn(events, 'readAll');
    await events.append({
      streamId: 'Unit-U3',
      events: [{ type: 'UnitPrepared', data: { unitId: 'U3' } }],
      expectedVersion: 'no_stream',
      metadata,
    });
    runner.poke(5);
    await runner.settled();
    expect(reads).toHaveBeenCalledTimes(1);
    await runner.stop();
    expect(released.seen).toEqual(['UnitReleased@2', 'UnitReleased@4']);
    expect(prepared.seen).toEqual(['UnitPrepared@1', 'UnitPrepared@3', 'UnitPrepared@5']);
  });

  it('rebuilds several projections in one read of the log, each from position 0 with its own types', async () => {
    const runner = new ProjectionRunner(events, readModels);
    const released = counting('test.released', ['UnitReleased']);
    const prepared = counting('test.prepared', ['UnitPrepared']);
    runner.addProjection(released);
    runner.addProjection(prepared);
    runner.addProjection(unitsByStatus);
    await runner.start();
    await runner.catchUp();
    released.seen.length = 0;
    prepared.seen.length = 0;
    const reads = jest.spyOn(events, 'readAll');
    const rebuilt = await runner.rebuildAll(['test.released', 'test.prepared', 'test.units']);
    expect(rebuilt).toBe(4);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads).toHaveBeenCalledWith(LOG_START, 10_000, { types: ['UnitReleased', 'UnitPrepared'] });
    expect(released.seen).toEqual(['UnitReleased@2', 'UnitReleased@4']);
    expect(prepared.seen).toEqual(['UnitPrepared@1', 'UnitPrepared@3']);
    expect(await readModels.get('units', 'U2')).toEqual({ id: 'U2', status: 'Released', releases: 1 });
    for (const name of ['test.released', 'test.prepared', 'test.units'])
      expect(await readModels.getCheckpoint(name)).toBe('4');
    await runner.stop();
  });

  it("keeps a rebuild's writes in memory across batches and commits them with the checkpoint when the window is full", async () => {
    for (let n = 0; n < 3; n += 1)
      await events.append({
        streamId: 'Unit-U1',
        events: [{ type: 'UnitReleased', data: { unitId: 'U1' } }],
        expectedVersion: 'any',
        metadata,
      });
    const runner = new ProjectionRunner(events, readModels, { rebuildBatchSize: 1, rebuildWindowPuts: 2 });
    runner.addProjection(unitsByStatus);
    const commits = jest.spyOn(readModels, 'commitAll');
    const gets = jest.spyOn(readModels, 'get');
    await runner.rebuild('test.units');
    const lookedUp = gets.mock.calls.map(([, id]) => id);
    expect(commits.mock.calls.map(([batch]) => batch.map((c) => [c.checkpoint, c.writes.length]))).toEqual([
      [['4', 2]],
      [['6', 1]],
      [['7', 1]],
    ]);
    /* U1 is read back from the store after each commit of a window that held it; U2, never put before, is not looked up. */
    expect(lookedUp).toEqual(['U1', 'U1']);
    expect(await readModels.get('units', 'U1')).toEqual({ id: 'U1', status: 'Released', releases: 4 });
    expect(await readModels.get('units', 'U2')).toEqual({ id: 'U2', status: 'Released', releases: 1 });
    await runner.stop();
  });

  it('commits a rebuilding projection that queries its documents by filter after every batch', async () => {
    const releasesOfUnit: Projection = {
      name: 'test.releases',
      collections: ['releases'],
      handles: ['UnitReleased'],
      apply: async (event, tx) => {
        const { unitId } = event.data as { unitId: string };
        const earlier = await tx.find('releases', { unitId });
        tx.put('releases', String(event.globalPosition), {
          id: String(event.globalPosition),
          unitId,
          nth: earlier.length + 1,
        });
      },
    };
    const runner = new ProjectionRunner(events, readModels, { rebuildBatchSize: 1 });
    runner.addProjection(releasesOfUnit);
    const commits = jest.spyOn(readModels, 'commitAll');
    await runner.rebuild('test.releases');
    expect(commits.mock.calls.map(([batch]) => batch.map((c) => c.checkpoint))).toEqual([['2'], ['4']]);
    expect(await readModels.find('releases', {})).toEqual([
      { id: '2', unitId: 'U1', nth: 1 },
      { id: '4', unitId: 'U2', nth: 1 },
    ]);
    await runner.stop();
  });

  it('rebuilds nothing when one of the projections named is unknown', async () => {
    const runner = new ProjectionRunner(events, readModels);
    runner.addProjection(counting('test.released', ['UnitReleased']));
    await expect(runner.rebuildAll(['test.released', 'test.unknown'])).rejects.toThrow(
      'Unknown projection test.unknown',
    );
  });

  it('writes no checkpoint for a processor that had nothing to do, until it stops', async () => {
    const runner = new ProjectionRunner(events, readModels);
    runner.addProjection(counting('test.released', ['UnitReleased']));
    await runner.start();
    await runner.catchUp();
    expect(await readModels.getCheckpoint('test.released')).toBe('4');
    const commits = jest.spyOn(readModels, 'commit');
    await events.append({
      streamId: 'Unit-U3',
      events: [{ type: 'UnitPrepared', data: { unitId: 'U3' } }],
      expectedVersion: 'no_stream',
      metadata,
    });
    runner.poke(5);
    await runner.catchUp();
    expect(commits).not.toHaveBeenCalled();
    expect(await readModels.getCheckpoint('test.released')).toBe('4');
    await runner.stop();
    expect(await readModels.getCheckpoint('test.released')).toBe('5');
  });

  it('keeps a failing projection where it was without holding the others back, and retries it', async () => {
    const errors: string[] = [];
    const runner = new ProjectionRunner(events, readModels, {
      onError: (name) => errors.push(name),
    });
    let failing = true;
    const healthy = counting('test.healthy', ['UnitReleased']);
    runner.addProjection(healthy);
    runner.addProjection({
      name: 'test.flaky',
      collections: ['flaky'],
      handles: ['UnitReleased'],
      apply: (event, tx) => {
        if (failing) throw new Error('read model down');
        tx.put('flaky', String(event.globalPosition), { at: event.globalPosition });
      },
    });
    await runner.start();
    await expect(runner.catchUp(['test.flaky'])).rejects.toThrow('read model down');
    await runner.catchUp(['test.healthy']);
    expect(healthy.seen).toEqual(['UnitReleased@2', 'UnitReleased@4']);
    expect(errors).toContain('test.flaky');
    failing = false;
    await runner.catchUp();
    await runner.stop();
    expect(await readModels.find('flaky', {}, { orderBy: { field: 'at' } })).toEqual([{ at: 2 }, { at: 4 }]);
    expect(await readModels.getCheckpoint('test.flaky')).toBe('4');
  });

  it('lets a reader wait until the projections reached a position written elsewhere', async () => {
    const runner = new ProjectionRunner(events, readModels, { pollIntervalMs: 10 });
    runner.addProjection(unitsByStatus);
    await runner.start();
    await runner.catchUp();
    const other = new SqliteEventStore(db);
    const appended = await other.append({
      streamId: 'Unit-U9',
      events: [{ type: 'UnitReleased', data: { unitId: 'U9' } }],
      expectedVersion: 'no_stream',
      metadata,
    });
    expect(await runner.reached(appended.events[0].globalPosition, 2000)).toBe(true);
    expect(await readModels.get('units', 'U9')).toEqual({ id: 'U9', status: 'Released', releases: 1 });
    await runner.stop();
  });

  it('lets the event loop serve I/O between batches while it catches up a long log (the server answers /health meanwhile)', async () => {
    for (let i = 0; i < 40; i += 1)
      await events.append({
        streamId: `Unit-L${i}`,
        events: Array.from({ length: 50 }, () => ({ type: 'UnitReleased', data: { unitId: `L${i}` } })),
        expectedVersion: 'no_stream',
        metadata,
      });
    let applied = 0;
    const runner = new ProjectionRunner(events, readModels, { batchSize: 100 });
    runner.addProjection({
      ...unitsByStatus,
      apply: async (e, tx) => void ((applied += 1), await unitsByStatus.apply(e, tx)),
    });
    await runner.start();
    // A timer due at once stands for an HTTP request waiting on the socket.
    const appliedWhenTimerRan = new Promise<number>((resolve) => setTimeout(() => resolve(applied), 0));
    await runner.catchUp();
    await runner.stop();

    expect(applied).toBe(2_002);
    expect(await appliedWhenTimerRan).toBeLessThan(applied);
    expect(await readModels.getCheckpoint('test.units')).not.toBe(LOG_START);
  });
});
