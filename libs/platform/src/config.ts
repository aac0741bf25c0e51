import { resolve } from 'node:path';
import type { Environment } from './environment.schema';
import { validateEnvironment } from './environment.schema';

export type StoreChoice = 'sqlite' | 'postgres' | 'kurrentdb' | 'memory';
export type BusChoice = 'in-process' | 'kafka';

export interface HemotraceConfig {
  host: string;
  port: number;
  dataDir: string;
  store: StoreChoice;
  databaseUrl?: string;
  /** PostgreSQL schema of the read side when it is not the store's own (a context service owns one). */
  readModelSchema?: string;
  kurrentDbConnectionString?: string;
  bus: BusChoice;
  kafkaBrokers: string[];
  bodyLimit: string;
  tokensFile?: string;
  tokensJson?: string;
  regulatoryProfile: string;
  logLevel: string;
  /** Every variable of the schema, validated and typed, defaults applied. */
  settings: Environment;
  /** The environment this configuration was loaded from, for a module's own settings. */
  env: NodeJS.ProcessEnv;
}

/** Environment in, typed configuration out; a wrong value stops the start with a clear message. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): HemotraceConfig => {
  const settings = validateEnvironment(env);
  return {
    host: settings.HOST,
    port: settings.PORT,
    dataDir: resolve(settings.HEMOTRACE_DATA_DIR),
    store: settings.HEMOTRACE_STORE,
    databaseUrl: settings.DATABASE_URL,
    readModelSchema: settings.HEMOTRACE_READ_MODEL_SCHEMA,
    kurrentDbConnectionString: settings.KURRENTDB_CONNECTION_STRING,
    bus: settings.HEMOTRACE_BUS,
    kafkaBrokers: settings.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    bodyLimit: settings.HEMOTRACE_BODY_LIMIT,
    tokensFile: settings.HEMOTRACE_TOKENS_FILE,
    tokensJson: settings.HEMOTRACE_TOKENS,
    regulatoryProfile: settings.HEMOTRACE_PROFILE,
    logLevel: settings.LOG_LEVEL ?? (settings.NODE_ENV === 'test' ? 'silent' : 'info'),
    settings,
    env,
  };
};

export const HEMOTRACE_CONFIG = Symbol('HemotraceConfig');
