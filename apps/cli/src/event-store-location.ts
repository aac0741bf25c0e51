import { join, resolve } from 'node:path';
import type { EventStore, ReadModelStore, StoreKind } from '@hemotrace/event-sourcing';
import {
  createPostgresPool,
  KurrentDbEventStore,
  openSqliteDatabase,
  PostgresEventStore,
  PostgresReadModelStore,
  resolvePostgresTarget,
  SqliteEventStore,
  SqliteReadModelStore,
} from '@hemotrace/event-sourcing';
import { validateEnvironment } from '@hemotrace/platform';

export type DurableStoreKind = Exclude<StoreKind, 'memory'>;

export const DURABLE_STORES: readonly DurableStoreKind[] = ['sqlite', 'postgres', 'kurrentdb'];

export interface StoreLocation {
  kind: DurableStoreKind;
  /** PostgreSQL URL or KurrentDB connection string. */
  url?: string;
  /** SQLite data directory (holds hemotrace.db). */
  dir?: string;
}

export interface OpenedStore {
  store: EventStore;
  describe: string;
  close(): Promise<void>;
}

export const parseStoreKind = (value: string): DurableStoreKind => {
  if (!DURABLE_STORES.includes(value as DurableStoreKind)) {
    throw new Error(`A store is one of ${DURABLE_STORES.join(', ')}; got ${value}`);
  }
  return value as DurableStoreKind;
};

/** Flags first, then the same environment the server reads. */
export const locate = (
  kind: DurableStoreKind,
  flags: { url?: string; dir?: string },
  env: NodeJS.ProcessEnv = process.env,
): StoreLocation => {
  switch (kind) {
    case 'sqlite':
      return { kind, dir: resolve(flags.dir ?? env.HEMOTRACE_DATA_DIR ?? './data') };
    case 'postgres': {
      const url = flags.url ?? env.DATABASE_URL;
      if (!url) throw new Error('PostgreSQL needs a URL: --from-url/--to-url/--url or DATABASE_URL');
      return { kind, url };
    }
    case 'kurrentdb': {
      const url = flags.url ?? env.KURRENTDB_CONNECTION_STRING;
      if (!url) {
        throw new Error(
          'KurrentDB needs a connection string: --from-url/--to-url/--url or KURRENTDB_CONNECTION_STRING',
        );
      }
      return { kind, url };
    }
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown store ${String(unknown)}`);
    }
  }
};

const withoutPassword = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};

/** The event store alone (no read models): what copy and verify need. */
export const openEventStore = async (location: StoreLocation): Promise<OpenedStore> => {
  switch (location.kind) {
    case 'sqlite': {
      const file = join(location.dir!, 'hemotrace.db');
      const store = new SqliteEventStore(openSqliteDatabase(file));
      return { store, describe: `sqlite ${file}`, close: () => store.close() };
    }
    case 'postgres': {
      const target = resolvePostgresTarget(
        location.url!,
        validateEnvironment(process.env).HEMOTRACE_PG_SCHEMA,
      );
      const pool = createPostgresPool(target, 4);
      const store = await PostgresEventStore.open(pool, { schema: target.schema });
      return {
        store,
        describe: `postgres ${withoutPassword(target.connectionString)} schema ${target.schema}`,
        close: async () => {
          await store.close();
          await pool.end();
        },
      };
    }
    case 'kurrentdb': {
      const store = await KurrentDbEventStore.connect(location.url!);
      return { store, describe: `kurrentdb ${withoutPassword(location.url!)}`, close: () => store.close() };
    }
    default: {
      const unknown: never = location.kind;
      throw new Error(`Unknown store ${String(unknown)}`);
    }
  }
};

/** The event store with the read-model store next to it (where the log tree is kept). */
export const openEventStoreWithReadModels = async (
  location: StoreLocation,
): Promise<OpenedStore & { readModels: ReadModelStore }> => {
  switch (location.kind) {
    case 'sqlite': {
      const file = join(location.dir!, 'hemotrace.db');
      const db = openSqliteDatabase(file);
      const store = new SqliteEventStore(db);
      return {
        store,
        readModels: new SqliteReadModelStore(db),
        describe: `sqlite ${file}`,
        close: () => store.close(),
      };
    }
    case 'postgres': {
      const target = resolvePostgresTarget(
        location.url!,
        validateEnvironment(process.env).HEMOTRACE_PG_SCHEMA,
      );
      const pool = createPostgresPool(target, 4);
      const store = await PostgresEventStore.open(pool, { schema: target.schema });
      const readModels = await PostgresReadModelStore.open(pool, { schema: target.schema });
      return {
        store,
        readModels,
        describe: `postgres ${withoutPassword(target.connectionString)} schema ${target.schema}`,
        close: async () => {
          await store.close();
          await pool.end();
        },
      };
    }
    case 'kurrentdb':
      throw new Error(
        'verify reads the log tree from the read-model store: use the server endpoint with KurrentDB',
      );
    default: {
      const unknown: never = location.kind;
      throw new Error(`Unknown store ${String(unknown)}`);
    }
  }
};
