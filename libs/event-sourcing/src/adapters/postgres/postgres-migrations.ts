import type { Pool } from 'pg';

export interface Migration {
  id: string;
  sql: string;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction,
 * under an advisory lock so that two processes starting together do not race.
 */
export const migrate = async (
  pool: Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hemotrace-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
         id text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = new Set(
      (await client.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`)).rows.map(
        (r) => r.id,
      ),
    );
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await client.query(`SET LOCAL search_path = ${schema}`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${schema}.schema_migrations (id) VALUES ($1)`, [migration.id]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
