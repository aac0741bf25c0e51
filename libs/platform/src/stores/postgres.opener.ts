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

/**
 * The read side's pool: the store's own when no other schema is named, else one of its own whose
 * unqualified names resolve in that schema (a context service owns its read models, the log stays shared).
 */
const readSideOf = (target: PostgresTarget, pool: Pool, readModelSchema?: string) => {
  if (readModelSchema === undefined || readModelSchema === target.schema) {
    return { pool, target, close: async () => undefined };
  }
  const readTarget: PostgresTarget = { ...target, schema: readModelSchema };
  const readPool = createPostgresPool(readTarget, poolSize());
  return { pool: readPool, target: readTarget, close: () => closePool(readPool, readTarget) };
};

/** Read models (and checkpoints) in PostgreSQL; used alone by the KurrentDB store. */
export const openPostgresReadModels = async (databaseUrl: string, readModelSchema?: string) => {
  const target = postgresTargetOf(databaseUrl);
  const readTarget = readModelSchema === undefined ? target : { ...target, schema: readModelSchema };
  const pool = createPostgresPool(readTarget, poolSize());
  const readModels = await PostgresReadModelStore.open(pool, { schema: readTarget.schema });
  return { readModels, close: () => closePool(pool, readTarget) };
};

export const openPostgresStores = async (databaseUrl: string, readModelSchema?: string): Promise<Stores> => {
  const target = postgresTargetOf(databaseUrl);
  const pool = createPostgresPool(target, poolSize());
  const readSide = readSideOf(target, pool, readModelSchema);
  try {
    const events = await PostgresEventStore.open(pool, { schema: target.schema });
    const readModels = await PostgresReadModelStore.open(readSide.pool, { schema: readSide.target.schema });
    const personalDataKeys = await PostgresPersonalDataKeyStore.open(pool);
    return {
      events,
      readModels,
      personalDataKeys,
      close: async () => {
        await events.close();
        await readSide.close();
        await closePool(pool, target);
      },
    };
  } catch (error) {
    if (readSide.pool !== pool) await readSide.pool.end();
    await pool.end();
    throw error;
  }
};

registerStoreOpener('postgres', (config) => {
  if (!config.databaseUrl) throw new Error('HEMOTRACE_STORE=postgres needs DATABASE_URL');
  return openPostgresStores(config.databaseUrl, config.readModelSchema);
});
