import { Pool } from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertSchemaName = (schema: string): string => {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(`PostgreSQL schema name must match ${IDENTIFIER}; got ${schema}`);
  }
  return schema;
};

export interface PostgresTarget {
  /** The connection string without Hemotrace's own `schema` parameter. */
  connectionString: string;
  schema: string;
}

/**
 * Where Hemotrace keeps its tables: `?schema=` in the URL, else HEMOTRACE_PG_SCHEMA, else `public`.
 * Tests give every app its own throwaway schema this way.
 */
export const resolvePostgresTarget = (url: string, fallbackSchema?: string): PostgresTarget => {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? fallbackSchema ?? 'public';
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema: assertSchemaName(schema) };
};

/**
 * A pool whose connections resolve unqualified table names in the given schema. An idle
 * connection dropped by the server is discarded by the pool; the next query opens a new one.
 * The application name tells its backends apart in pg_stat_activity (the bench measures the CPU
 * of its own backends only, on a server that others use too).
 */
export const createPostgresPool = (target: PostgresTarget, max = 10, applicationName = 'hemotrace'): Pool => {
  const pool = new Pool({
    connectionString: target.connectionString,
    max,
    options: `-c search_path=${assertSchemaName(target.schema)}`,
    application_name: applicationName,
  });
  pool.on('error', () => undefined);
  return pool;
};
