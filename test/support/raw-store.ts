import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPostgresPool, resolvePostgresTarget } from '@hemotrace/event-sourcing';
import type { TestApp } from './test-app';

/**
 * Runs SQL straight against the test app's store, bypassing Hemotrace, as someone with database
 * access could: for tests that prove tampering is detected. `?` placeholders work on both stores.
 */
export const runRawSql = async (
  t: TestApp,
  statements: { sql: string; params: unknown[] }[],
): Promise<void> => {
  if (t.config.store === 'sqlite') {
    const db = new Database(join(t.config.dataDir, 'hemotrace.db'));
    try {
      for (const { sql, params } of statements) db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  if (t.config.store !== 'postgres' || !t.config.databaseUrl)
    throw new Error(`No raw access to ${t.config.store}`);
  const pool = createPostgresPool(
    resolvePostgresTarget(t.config.databaseUrl, process.env.HEMOTRACE_PG_SCHEMA),
    1,
  );
  try {
    for (const { sql, params } of statements) {
      let n = 0;
      await pool.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    }
  } finally {
    await pool.end();
  }
};

/** Sets a numeric field of an event's stored JSON data, in the store's own SQL dialect. */
export const setStoredDataField = (t: TestApp, field: string, value: number): string =>
  t.config.store === 'postgres'
    ? `data = jsonb_set(data::jsonb, '{${field}}', '${value}')::json`
    : `data = json_set(data, '$.${field}', ${value})`;

/** Reads rows straight from the test app's store, as someone with database access could. */
export const queryRawSql = async <T = Record<string, unknown>>(
  t: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> => {
  if (t.config.store === 'sqlite') {
    const db = new Database(join(t.config.dataDir, 'hemotrace.db'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  if (t.config.store !== 'postgres' || !t.config.databaseUrl)
    throw new Error(`No raw access to ${t.config.store}`);
  const pool = createPostgresPool(
    resolvePostgresTarget(t.config.databaseUrl, process.env.HEMOTRACE_PG_SCHEMA),
    1,
  );
  try {
    let n = 0;
    const result = await pool.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return result.rows as T[];
  } finally {
    await pool.end();
  }
};
