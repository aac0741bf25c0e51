import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { KurrentDbEventStore, openSqliteDatabase, SqliteReadModelStore } from '@hemotrace/event-sourcing';
import type { HemotraceConfig } from '../config';
import { openPostgresReadModels } from './postgres.opener';
import { registerStoreOpener } from './store-factory';

/**
 * KurrentDB keeps the log only. Read models and their checkpoints go to PostgreSQL when
 * DATABASE_URL is set, else to SQLite in the data directory (`read-models.db`). They are never
 * committed together with the log, which is fine: projections are deterministic and restart
 * from their own stored checkpoint.
 */
const openReadModels = async (
  config: HemotraceConfig,
): Promise<{ readModels: ReadModelStore; close: () => Promise<void> }> => {
  if (config.databaseUrl) return openPostgresReadModels(config.databaseUrl, config.readModelSchema);
  mkdirSync(config.dataDir, { recursive: true });
  const db = openSqliteDatabase(join(config.dataDir, 'read-models.db'));
  return { readModels: new SqliteReadModelStore(db), close: async () => void db.close() };
};

registerStoreOpener('kurrentdb', async (config) => {
  if (!config.kurrentDbConnectionString) {
    throw new Error('HEMOTRACE_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
  }
  const events = await KurrentDbEventStore.connect(config.kurrentDbConnectionString);
  const readModels = await openReadModels(config);
  return {
    events,
    readModels: readModels.readModels,
    close: async () => {
      await events.close();
      await readModels.close();
    },
  };
});
