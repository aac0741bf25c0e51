import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore, ReadModelStore } from '@hemotrace/event-sourcing';
import {
  InMemoryEventStore,
  InMemoryReadModelStore,
  openSqliteDatabase,
  SqliteEventStore,
  SqliteReadModelStore,
  withUpcasting,
} from '@hemotrace/event-sourcing';
import type { HemotraceConfig } from '../config';
import { InMemoryPersonalDataKeyStore, SqlitePersonalDataKeyStore } from '../personal-data/key-stores';
import type { PersonalDataKeyStore } from '../personal-data/personal-data-key-store.port';

export interface Stores {
  events: EventStore;
  readModels: ReadModelStore;
  /** Keys of personal data beside the log, in the same database (absent: a SQLite file in dataDir). */
  personalDataKeys?: PersonalDataKeyStore;
  close(): Promise<void>;
}

type StoreOpener = (config: HemotraceConfig) => Promise<Stores>;

/** Adapters register here so the platform does not depend on drivers it is not asked to load. */
const openers = new Map<string, StoreOpener>();

export const registerStoreOpener = (kind: string, opener: StoreOpener): void => {
  openers.set(kind, opener);
};

registerStoreOpener('memory', async () => {
  const events = new InMemoryEventStore();
  return {
    events,
    readModels: new InMemoryReadModelStore(),
    personalDataKeys: new InMemoryPersonalDataKeyStore(),
    close: () => events.close(),
  };
});

registerStoreOpener('sqlite', async (config) => {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openSqliteDatabase(join(config.dataDir, 'hemotrace.db'));
  const events = new SqliteEventStore(db);
  return {
    events,
    readModels: new SqliteReadModelStore(db),
    personalDataKeys: new SqlitePersonalDataKeyStore(db, { sharesTheEventsFile: true }),
    close: () => events.close(),
  };
});

/** Whatever the adapter, every read goes through the upcasters: readers see only current shapes. */
export const openStores = async (config: HemotraceConfig): Promise<Stores> => {
  const opener = openers.get(config.store);
  if (!opener) throw new Error(`No adapter is available for HEMOTRACE_STORE=${config.store}`);
  const stores = await opener(config);
  return { ...stores, events: withUpcasting(stores.events) };
};

/** For a store without its own key table (KurrentDB): the keys in a SQLite file of the data directory. */
export const openFallbackPersonalDataKeys = (config: HemotraceConfig): PersonalDataKeyStore => {
  mkdirSync(config.dataDir, { recursive: true });
  return new SqlitePersonalDataKeyStore(openSqliteDatabase(join(config.dataDir, 'personal-data-keys.db')));
};
