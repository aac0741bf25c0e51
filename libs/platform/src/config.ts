import { resolve } from 'node:path';

export type StoreChoice = 'sqlite' | 'postgres' | 'kurrentdb' | 'memory';
export type BusChoice = 'in-process' | 'kafka';

export interface HemotraceConfig {
  host: string;
  port: number;
  dataDir: string;
  store: StoreChoice;
  databaseUrl?: string;
  kurrentDbConnectionString?: string;
  bus: BusChoice;
  kafkaBrokers: string[];
  bodyLimit: string;
  tokensFile?: string;
  tokensJson?: string;
  regulatoryProfile: string;
  logLevel: string;
  /** The environment this configuration was loaded from, for a module's own settings. */
  env: NodeJS.ProcessEnv;
}

const STORES: StoreChoice[] = ['sqlite', 'postgres', 'kurrentdb', 'memory'];

/** Environment in, typed configuration out; a wrong value stops the start with a clear message. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): HemotraceConfig => {
  const store = (env.HEMOTRACE_STORE ?? 'sqlite') as StoreChoice;
  if (!STORES.includes(store))
    throw new Error(`HEMOTRACE_STORE must be one of ${STORES.join(', ')}; got ${store}`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number; got ${env.PORT}`);
  if (store === 'postgres' && !env.DATABASE_URL)
    throw new Error('HEMOTRACE_STORE=postgres needs DATABASE_URL');
  if (store === 'kurrentdb' && !env.KURRENTDB_CONNECTION_STRING) {
    throw new Error('HEMOTRACE_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(env.HEMOTRACE_DATA_DIR ?? './data'),
    store,
    databaseUrl: env.DATABASE_URL,
    kurrentDbConnectionString: env.KURRENTDB_CONNECTION_STRING,
    bus: env.HEMOTRACE_BUS === 'kafka' ? 'kafka' : 'in-process',
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
    bodyLimit: env.HEMOTRACE_BODY_LIMIT ?? '256kb',
    tokensFile: env.HEMOTRACE_TOKENS_FILE,
    tokensJson: env.HEMOTRACE_TOKENS,
    regulatoryProfile: env.HEMOTRACE_PROFILE ?? 'CN-2019',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    env,
  };
};

export const HEMOTRACE_CONFIG = Symbol('HemotraceConfig');
