import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, SqliteEventStore } from '@hemotrace/event-sourcing';
import { runCli } from '../main';

const UNIT = 'G123425000001-E0398V00';

const append = async (store: SqliteEventStore, type: string, data: Record<string, unknown>) =>
  store.append({
    streamId: `Unit-${UNIT}`,
    events: [{ type, data: { unitId: UNIT, ...data } }],
    expectedVersion: 'any',
    metadata: {
      actor: { userId: 'u-1', role: 'components', siteId: 'BC-1' },
      correlationId: 'c-1',
      occurredAt: '2026-03-01T08:00:00.000Z',
    },
  });

describe('hemotrace audit-consistency', () => {
  let dir: string;
  let errors: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-audit-'));
    errors = [];
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    process.exitCode = undefined;
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const withStore = async (write: (store: SqliteEventStore) => Promise<void>) => {
    const store = new SqliteEventStore(openSqliteDatabase(join(dir, 'hemotrace.db')));
    await write(store);
    await store.close();
  };

  it('exits 0 on a true history', async () => {
    await withStore(async (store) => {
      await append(store, 'UnitPrepared', { siteId: 'BC-1' });
      await append(store, 'UnitExpired', { expiresAt: '2026-03-01T00:00:00.000Z' });
    });
    await runCli(['node', 'hemotrace', 'audit-consistency', '--store', 'sqlite', '--dir', dir]);
    expect(process.exitCode).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('exits 1 and names the rule, the unit and both events when a unit expired twice', async () => {
    await withStore(async (store) => {
      await append(store, 'UnitPrepared', { siteId: 'BC-1' });
      await append(store, 'UnitExpired', { expiresAt: '2026-03-01T00:00:00.000Z' });
      await append(store, 'UnitExpired', { expiresAt: '2026-03-01T00:00:00.000Z' });
    });
    await runCli(['node', 'hemotrace', 'audit-consistency', '--store', 'sqlite', '--dir', dir]);
    expect(process.exitCode).toBe(1);
    expect(errors.join('\n')).toMatch(
      new RegExp(`^DUPLICATED_FACT ${UNIT}: UnitExpired recorded twice.* at 2, 3\\)`),
    );
  });
});
