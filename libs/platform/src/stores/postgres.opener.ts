import type { PostgresTarget } from '@hemotrace/event-sourcing';
import {
  createPostgresPool,
  PostgresEventStore,
  PostgresReadModelStore,
  resolvePostgresTarget,
} from '@hemotrace/event-sourcing';
import type { Pool } from 'pg';
import { PostgresPersonalDataKeyStore } from '../personal-data/key-stores';
import type { Stores } from './store-factory';
import { registerStoreOpener } from './store-factory';

/**
 * Where on the server: `?schema=` in DATABASE_URL, else HEMOTRACE_PG_SCHEMA, else `public`.
 * A schema named `tmp_*` is a throwaway (tests): it is dropped when the stores close.
 */
export const postgresTargetOf = (databaseUrl: string): PostgresTarget =>
  resolvePostgresTarget(databaseUrl, process.env.HEMOTRACE_PG_SCHEMA);

const poolSize = (): number => Number(process.env.HEMOTRACE_PG_POOL_SIZE ?? 10);

const closePool = async (pool: Pool, target: PostgresTarget): Promise<void> => {
  if (target.schema.startsWith('tmp_')) await pool.query(`DROP SCHEMA IF EXISTS ${target.schema} CASCADE`);
  await pool.end();
};

/** Read models (and checkpoints) in PostgreSQL; used alone by the KurrentDB store. */
export const openPostgresReadModels = async (databaseUrl: string) => {
  const target = postgresTargetOf(databaseUrl);
  const pool = createPostgresPool(target, poolSize());
  const readModels = await PostgresReadModelStore.open(pool, { schema: target.schema });
  return { readModels, close: () => closePool(pool, target) };
};

export const openPostgresStores = async (databaseUrl: string): Promise<Stores> => {
  const target = postgresTargetOf(databaseUrl);
  const pool = createPostgresPool(target, poolSize());
  try {
    const events = await PostgresEventStore.open(pool, { schema: target.schema });
    const readModels = await PostgresReadModelStore.open(pool, { schema: target.schema });
    const personalDataKeys = await PostgresPersonalDataKeyStore.open(pool);
    return {
      events,
      readModels,
      personalDataKeys,
      close: async () => {
        await events.close();
        await closePool(pool, target);
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
};

registerStoreOpener('postgres', (config) => {
  if (!config.databaseUrl) throw new Error('HEMOTRACE_STORE=postgres needs DATABASE_URL');
  return openPostgresStores(config.databaseUrl);
});
