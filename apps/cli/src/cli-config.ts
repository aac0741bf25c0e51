import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { HemotraceConfig } from '@hemotrace/platform';
import { loadConfig } from '@hemotrace/platform';
import type { StoreLocation } from './event-store-location';
import { parseStoreKind } from './event-store-location';

/** The flags every command takes: where the data is, the same way the server is told. */
export interface StoreFlags {
  dir?: string;
  store?: string;
  url?: string;
}

export const DIR_OPTION = [
  '--dir <dir>',
  'data directory: the SQLite store, log keys, checkpoint file (default HEMOTRACE_DATA_DIR or ./data)',
] as const;

export const withStoreOptions = (command: Command): Command =>
  command
    .option(...DIR_OPTION)
    .option('--store <store>', 'sqlite | postgres | kurrentdb (default HEMOTRACE_STORE or sqlite)')
    .option(
      '--url <url>',
      'PostgreSQL URL or KurrentDB connection string (default DATABASE_URL / KURRENTDB_CONNECTION_STRING)',
    );

/**
 * The server's own configuration (one validated schema), with the flags laid over the environment:
 * --dir is HEMOTRACE_DATA_DIR, --store is HEMOTRACE_STORE, --url the store's URL.
 */
export const cliConfig = (flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): HemotraceConfig => {
  const store = flags.store ?? env.HEMOTRACE_STORE;
  const url =
    flags.url === undefined
      ? {}
      : store === 'kurrentdb'
        ? { KURRENTDB_CONNECTION_STRING: flags.url }
        : { DATABASE_URL: flags.url };
  return loadConfig({
    ...env,
    ...(flags.dir !== undefined ? { HEMOTRACE_DATA_DIR: resolve(flags.dir) } : {}),
    ...(flags.store !== undefined ? { HEMOTRACE_STORE: flags.store } : {}),
    ...url,
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
};

/** Where the configured log is, for the commands that open the event store alone. */
export const locationOf = (config: HemotraceConfig): StoreLocation => {
  const kind = parseStoreKind(config.store);
  switch (kind) {
    case 'sqlite':
      return { kind, dir: config.dataDir };
    case 'postgres':
      return { kind, url: config.databaseUrl };
    case 'kurrentdb':
      return { kind, url: config.kurrentDbConnectionString };
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown store ${String(unknown)}`);
    }
  }
};
