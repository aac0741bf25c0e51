import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Actor } from '@hemotrace/kernel';
import { newId } from '@hemotrace/kernel';
import type { AppendMetadata } from '../../event-store.port';
import { createPostgresPool, resolvePostgresTarget } from './postgres-connection';

/**
 * The database the PostgreSQL specs run against: HEMOTRACE_TEST_DATABASE_URL, else DATABASE_URL.
 * In CI (CI=true) a missing URL fails the run, so the suite can never pass by not running;
 * locally the suite is reported as skipped with a warning (start one with `npm run infra:postgres`).
 */
export const postgresTestUrl = (suite: string): string | undefined => {
  const url = process.env.HEMOTRACE_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) return url;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(
      `${suite}: CI=true but neither HEMOTRACE_TEST_DATABASE_URL nor DATABASE_URL is set; start PostgreSQL with infra/postgres/start.sh`,
    );
  }
  console.warn(
    `${suite}: SKIPPED, no PostgreSQL (set HEMOTRACE_TEST_DATABASE_URL, e.g. from \`npm run infra:postgres\`)`,
  );
  return undefined;
};

export interface ThrowawaySchema {
  schema: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** A fresh schema per test harness, dropped with everything in it afterwards. */
export const throwawaySchema = async (url: string, poolSize = 10): Promise<ThrowawaySchema> => {
  const schema = `tmp_${randomBytes(6).toString('hex')}`;
  const target = { ...resolvePostgresTarget(url), schema };
  const pool = createPostgresPool(target, poolSize);
  return {
    schema,
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    },
  };
};

/** The record time the PostgreSQL append specs give their store's clock. */
export const RECORDED_AT = '2026-03-02T09:15:00.000Z';

const actor: Actor = { userId: 'u-lab-1', role: 'laboratory', siteId: 'SITE-A' };

/** A laboratory command's metadata, dated in the past, with its own command id. */
export const appendMetadata = (overrides: Partial<AppendMetadata> = {}): AppendMetadata => ({
  actor,
  correlationId: newId(),
  causationId: null,
  commandId: newId(),
  occurredAt: '2026-03-01T08:00:00.000Z',
  ...overrides,
});
