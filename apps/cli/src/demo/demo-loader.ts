import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ExpirySweepScheduler } from '@hemotrace/components/tooling';
import { EQUIPMENT_TEMPERATURE_EXCURSION_REPORTED } from '@hemotrace/components/contracts';
import { SHIPMENT_DISPATCHED, SHIPMENT_RECEIVED, UNIT_RETURNED } from '@hemotrace/distribution/contracts';
import type { EventStore } from '@hemotrace/event-sourcing';
import {
  createPostgresPool,
  openSqliteDatabase,
  PostgresEventStore,
  PostgresReadModelStore,
  ProjectionRunner,
  resolvePostgresTarget,
  SqliteEventStore,
  SqliteReadModelStore,
} from '@hemotrace/event-sourcing';
import {
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  DONOR_CONFIRMED_POSITIVE,
} from '@hemotrace/laboratory/contracts';
import type { Stores } from '@hemotrace/platform';
import { loadConfig, PostgresPersonalDataKeyStore, validateEnvironment } from '@hemotrace/platform';
import {
  TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED,
  UNIT_ALLOCATED,
  UNIT_RETURNED_TO_BLOOD_BANK,
  UNIT_TRANSFUSED,
  UNIT_WASTED,
} from '@hemotrace/transfusion/contracts';
import { AppModule } from '@hemotrace/app';
import type { PlannedEvent } from './demo-data.generator';

/** Stored types the live reactors act on: after one of these, the reactions run before the next fact. */
const TRIGGERS = new Set<string>([
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  DONOR_CONFIRMED_POSITIVE,
  SHIPMENT_DISPATCHED,
  SHIPMENT_RECEIVED,
  UNIT_RETURNED,
  UNIT_ALLOCATED,
  UNIT_RETURNED_TO_BLOOD_BANK,
  UNIT_TRANSFUSED,
  UNIT_WASTED,
  EQUIPMENT_TEMPERATURE_EXCURSION_REPORTED,
  TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED,
]);

const HOUR = 3_600_000;
/** The read model the expiry sweep selects due units from. */
const UNITS_PROJECTION = 'components-units';

/** A SQLite data directory, or PostgreSQL (the data directory still holds the log signing keys). */
export interface DemoTarget {
  dir: string;
  databaseUrl?: string;
}

interface DemoStores {
  stores: Stores;
  events: EventStore;
  /** The newest global position: unchanged after a catch-up means every reaction has run. */
  headOf(): Promise<number>;
  countOf(): Promise<number>;
}

/** The stores the server would open, with the simulated clock as the store's record time. */
const openDemoStores = async (target: DemoTarget, now: () => Date): Promise<DemoStores> => {
  if (target.databaseUrl) {
    const pg = resolvePostgresTarget(
      target.databaseUrl,
      validateEnvironment(process.env).HEMOTRACE_PG_SCHEMA,
    );
    const pool = createPostgresPool(pg, 4);
    const events = await PostgresEventStore.open(pool, { schema: pg.schema, now });
    const readModels = await PostgresReadModelStore.open(pool, { schema: pg.schema });
    const personalDataKeys = await PostgresPersonalDataKeyStore.open(pool);
    const scalar = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0].n);
    return {
      events,
      stores: {
        events,
        readModels,
        personalDataKeys,
        close: async () => {
          await events.close();
          await pool.end();
        },
      },
      headOf: () => scalar('SELECT coalesce(max(global_position), 0) AS n FROM events'),
      countOf: () => scalar('SELECT count(*) AS n FROM events'),
    };
  }
  const db = openSqliteDatabase(join(target.dir, 'hemotrace.db'));
  /*
   * A generated dataset: its many small commits are not synced one by one; closing checkpoints the
   * WAL into the database file and syncs it, so the load is durable once it reports done.
   */
  db.pragma('synchronous = NORMAL');
  const events = new SqliteEventStore(db, now, { syncEachAppend: false });
  const head = () =>
    db.prepare<[], { n: number }>('SELECT coalesce(max(global_position), 0) AS n FROM events').get()?.n ?? 0;
  return {
    events,
    stores: {
      events,
      readModels: new SqliteReadModelStore(db),
      close: () => {
        if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
        return events.close();
      },
    },
    headOf: async () => head(),
    countOf: async () => head(),
  };
};

export interface DemoLoad {
  /** Events appended in all: the planned facts plus what the live reactions and expiry recorded. */
  events: number;
  planned: number;
}

/**
 * Loads the planned facts (what people record) on a simulated timeline and lets the server's own
 * deciders and reactors do the rest, exactly as live traffic would: release and discard on the
 * laboratory's outcome, custody on each unit's stream, hospital use, lookback, deferral, and the
 * hourly expiry sweep. Every reaction carries the command id the live reactor derives from its
 * cause, so a server started on this store later finds them all and records nothing twice.
 */
export const loadDemo = async (
  target: DemoTarget,
  planned: Iterable<PlannedEvent>,
  onProgress?: (count: number) => void,
): Promise<DemoLoad> => {
  const clock = { at: new Date(0).toISOString() };
  const now = () => new Date(clock.at);
  const { stores, events, headOf, countOf } = await openDemoStores(target, now);
  const config = loadConfig({
    ...process.env,
    HEMOTRACE_STORE: target.databaseUrl ? 'postgres' : 'sqlite',
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    HEMOTRACE_DATA_DIR: target.dir,
    HEMOTRACE_BUS: 'in-process',
    HEMOTRACE_EXPIRY_SWEEP_MS: '0',
    HEMOTRACE_TOKENS: '[]',
    HEMOTRACE_TOKENS_FILE: '',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { stores, clock: { now } }),
    {
      logger: false,
    },
  );
  try {
    await app.init();
    const runner = app.get(ProjectionRunner);
    const sweep = app.get(ExpirySweepScheduler);
    /* Reactors, and the read model they select units from; the other read models catch up at the end. */
    const reacting = [...runner.names.filter((n) => n.startsWith('reactor:')), UNITS_PROJECTION];
    const settle = async (names: string[] | undefined = reacting) => {
      for (let head = await headOf(); ;) {
        await runner.catchUp(names);
        const next = await headOf();
        if (next === head) return;
        head = next;
      }
    };
    let count = 0;
    let sweptUntil: number | undefined;
    for (const fact of planned) {
      const at = Date.parse(fact.occurredAt);
      sweptUntil ??= at - (at % HOUR);
      for (let hour = sweptUntil + HOUR; hour <= at; hour += HOUR) {
        clock.at = new Date(hour).toISOString();
        await runner.catchUp([UNITS_PROJECTION]);
        const outcome = await sweep.tick();
        if (outcome !== 'skipped' && outcome.expired.length > 0) await settle();
        sweptUntil = hour;
      }
      clock.at = fact.occurredAt;
      await events.append({
        streamId: fact.streamId,
        events: [{ type: fact.type, data: fact.data, eventId: fact.eventId }],
        expectedVersion: 'any',
        metadata: { actor: fact.actor, correlationId: fact.correlationId, occurredAt: fact.occurredAt },
      });
      count += 1;
      if (TRIGGERS.has(fact.type)) await settle();
      if (count % 500 === 0) onProgress?.(count);
    }
    await settle(undefined);
    onProgress?.(count);
    return { events: await countOf(), planned: count };
  } finally {
    await app.close();
  }
};
