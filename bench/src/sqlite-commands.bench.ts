import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { EventStore } from '@hemotrace/event-sourcing';
import {
  handleCommand,
  LOG_START,
  openSqliteDatabase,
  SqliteEventStore,
  StreamStateCache,
} from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, median, now, percentile, perSecond, progress, rounded } from './bench';
import { sampleTestingDecider } from './workload/sample-testing.decider';
import type { PlannedCommand } from './workload/sample-testing.workload';
import { metadataAt, PANEL_SIZE, panelPlan, singleEventPlan } from './workload/sample-testing.workload';
import { COLUMNS } from './workload/stored-columns';
import { readModelPutRows } from './read-model-puts';

const WRITE = 'sqlite write';
const READ = 'sqlite read';
const READ_BATCH = 1000;
const RAW_BATCH = 1000;
/** Commands per slice before the raw inserts of the slice's rows. */
const SLICE = 1000;

const RAW_SINGLE = 'raw INSERT, 1 row per transaction';
const RAW_SINGLE_SYNCED = 'raw INSERT, 1 row per transaction, synchronous=FULL';
const RAW_PANEL = `raw INSERT, ${PANEL_SIZE} rows per transaction`;
const RAW_SELECT = `raw SELECT, batches of ${READ_BATCH}`;

type StoredRow = Record<(typeof COLUMNS)[number], string | number | null> & { global_position: number };
type RowValues = (string | number | null)[];

const sizes = () => ({
  singleCommands: envInt('BENCH_COMMANDS', 20_000),
  streamLength: envInt('BENCH_STREAM_LENGTH', 10),
  multiCommands: envInt('BENCH_MULTI_COMMANDS', 4_000),
  syncedCommands: envInt('BENCH_SYNCED_COMMANDS', 2_000),
  panelsPerStream: envInt('BENCH_PANELS_PER_STREAM', 3),
  warmup: envInt('BENCH_WARMUP', 1_000),
  readPasses: Math.max(1, envInt('BENCH_READ_PASSES', 5)),
  readModelPuts: Math.max(10, envInt('BENCH_READ_MODEL_PUTS', 20_000)),
});

const lastPosition = (db: Database.Database): number =>
  db.prepare<[], { p: number }>('SELECT COALESCE(MAX(global_position), 0) AS p FROM events').get()!.p;

const rowsBetween = (db: Database.Database, from: number, to: number): StoredRow[] =>
  db
    .prepare<[number, number], StoredRow>(
      'SELECT * FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position',
    )
    .all(from, to);

/**
 * The metadata (a fresh correlation id and idempotency key) arrives with the command from the HTTP
 * edge, so it is made before the clock starts, like the commands themselves.
 */
const runCommands = async (store: EventStore, plan: readonly PlannedCommand[], cache: StreamStateCache) => {
  const latencies: number[] = new Array(plan.length);
  const metadata = plan.map(({ at }) => metadataAt(at));
  const started = now();
  for (let i = 0; i < plan.length; i += 1) {
    const { streamId, command } = plan[i];
    const t = now();
    await handleCommand(store, sampleTestingDecider, streamId, command, metadata[i], { cache });
    latencies[i] = now() - t;
  }
  return { ms: elapsedMs(started), latencies };
};

/** Medians shrug off the pauses a busy machine adds, so their ratio is the steadier second opinion. */
const medianRatioNote = (run: { latencies: number[]; rawLatencies: number[] }): string =>
  `ratio of p50 latencies ${ratio(percentile(run.rawLatencies, 50), percentile(run.latencies, 50)).toFixed(2)}`;

const latencyNote = (latencies: number[]): string =>
  `p50 ${rounded(percentile(latencies, 50) * 1000)} µs, p99 ${rounded(percentile(latencies, 99) * 1000)} µs`;

/** Rows grouped as their commands wrote them: consecutive rows sharing a command id. */
const byCommand = (rows: readonly StoredRow[]): StoredRow[][] => {
  const groups: StoredRow[][] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last[0].command_id === row.command_id) last.push(row);
    else groups.push([row]);
  }
  return groups;
};

const inBatches = <T>(items: readonly T[], size: number): T[][] => {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
};

/** The physical baseline: the same prepared INSERT of the same strings, one transaction per group. */
const rawInsert = (db: Database.Database, groups: readonly StoredRow[][]) => {
  const insert = db.prepare(
    `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const write = db.transaction((rows: RowValues[]) => {
    for (const values of rows) insert.run(values);
  });
  const prepared = groups.map((group) => group.map((row) => COLUMNS.map((column) => row[column])));
  const latencies: number[] = new Array(prepared.length);
  const started = now();
  for (let i = 0; i < prepared.length; i += 1) {
    const t = now();
    write.immediate(prepared[i]);
    latencies[i] = now() - t;
  }
  return { ms: elapsedMs(started), latencies };
};

/** A fresh database with exactly the event store's schema and pragmas, used raw. */
const openRaw = (path: string): Database.Database => {
  const db = openSqliteDatabase(path);
  new SqliteEventStore(db);
  return db;
};

const readAllPass = async (store: EventStore): Promise<{ events: number; ms: number }> => {
  const started = now();
  let checkpoint = LOG_START;
  let events = 0;
  for (;;) {
    const batch = await store.readAll(checkpoint, READ_BATCH);
    if (batch.events.length === 0) break;
    events += batch.events.length;
    checkpoint = batch.checkpoint;
  }
  return { events, ms: elapsedMs(started) };
};

const rawSelectPass = (db: Database.Database): { events: number; ms: number } => {
  const select = db.prepare<[number, number], StoredRow>(
    'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
  );
  const started = now();
  let after = 0;
  let events = 0;
  for (;;) {
    const rows = select.all(after, READ_BATCH);
    if (rows.length === 0) break;
    events += rows.length;
    after = rows[rows.length - 1].global_position;
  }
  return { events, ms: elapsedMs(started) };
};

const ratio = (value: number, baseline: number): number => rounded(baseline > 0 ? value / baseline : 0, 2);

/**
 * Runs the plan in slices, and after each slice inserts the rows it wrote into the raw database: both
 * paths see the same background load and files of the same size, so a busy machine moves both alike.
 */
const commandsAgainstRaw = async (
  store: SqliteEventStore,
  raw: Database.Database,
  plan: readonly PlannedCommand[],
  cache: StreamStateCache,
) => {
  let commandMs = 0;
  let rawMs = 0;
  let transactions = 0;
  const latencies: number[] = [];
  const rawLatencies: number[] = [];
  const rows: StoredRow[] = [];
  for (const slice of inBatches(plan, SLICE)) {
    const before = lastPosition(store.db);
    const run = await runCommands(store, slice, cache);
    commandMs += run.ms;
    latencies.push(...run.latencies);
    const written = rowsBetween(store.db, before, lastPosition(store.db));
    const groups = byCommand(written);
    const inserted = rawInsert(raw, groups);
    rawMs += inserted.ms;
    rawLatencies.push(...inserted.latencies);
    transactions += groups.length;
    rows.push(...written);
  }
  return { commandMs, rawMs, transactions, latencies, rawLatencies, rows };
};

export const run = async (): Promise<BenchRow[]> => {
  const size = sizes();
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-sqlite-'));
  const db = openSqliteDatabase(join(dir, 'commands.db'));
  /* The code's own cost against the raw INSERT, both at synchronous=NORMAL; the synced pair follows. */
  const store = new SqliteEventStore(db, undefined, { syncEachAppend: false });
  const raw = openRaw(join(dir, 'raw.db'));
  /* The server's path: CommandExecutor keeps one stream-state cache for the whole process. */
  const cache = new StreamStateCache();
  try {
    await commandsAgainstRaw(
      store,
      raw,
      singleEventPlan(900_000, size.warmup, size.streamLength).plan,
      cache,
    );

    progress(`single-event commands: ${size.singleCommands}, and raw inserts of their rows`);
    const single = singleEventPlan(0, size.singleCommands, size.streamLength);
    const singleRun = await commandsAgainstRaw(store, raw, single.plan, cache);

    progress(
      `multi-event commands: ${size.multiCommands} x ${PANEL_SIZE} events, and raw inserts of their rows`,
    );
    const panels = panelPlan(500_000, size.multiCommands, size.panelsPerStream);
    await commandsAgainstRaw(store, raw, panels.setup, cache);
    const panelRun = await commandsAgainstRaw(store, raw, panels.plan, cache);
    raw.close();

    progress(`single-event commands synced at each append (as the server runs): ${size.syncedCommands}`);
    const syncedDb = openSqliteDatabase(join(dir, 'synced.db'));
    const synced = new SqliteEventStore(syncedDb);
    const rawSynced = openRaw(join(dir, 'raw-synced.db'));
    rawSynced.pragma('synchronous = FULL');
    const syncedPlan = singleEventPlan(700_000, size.syncedCommands, size.streamLength);
    const syncedRun = await commandsAgainstRaw(synced, rawSynced, syncedPlan.plan, new StreamStateCache());
    rawSynced.close();
    await synced.close();

    const batch = openRaw(join(dir, 'raw-batch.db'));
    const batchRows = [...singleRun.rows, ...panelRun.rows];
    const rawBatchMs = rawInsert(batch, inBatches(batchRows, RAW_BATCH)).ms;
    batch.close();
    const afterPanels = lastPosition(db);

    progress(`global log reads: ${afterPanels} events x ${size.readPasses} passes`);
    await readAllPass(store);
    rawSelectPass(db);
    const storeRates: number[] = [];
    const rawRates: number[] = [];
    for (let pass = 0; pass < size.readPasses; pass += 1) {
      const viaStore = await readAllPass(store);
      storeRates.push(perSecond(viaStore.events, viaStore.ms));
      const viaRaw = rawSelectPass(db);
      rawRates.push(perSecond(viaRaw.events, viaRaw.ms));
    }

    progress(`read-model puts: ${size.readModelPuts}, a table per collection and one shared table`);
    const putRows = await readModelPutRows(dir, size.readModelPuts);

    const syncedRate = perSecond(syncedPlan.plan.length, syncedRun.commandMs);
    const rawSyncedRate = perSecond(syncedRun.rows.length, syncedRun.rawMs);
    const singleRate = perSecond(single.plan.length, singleRun.commandMs);
    const rawSingleRate = perSecond(singleRun.rows.length, singleRun.rawMs);
    const panelRate = perSecond(panels.plan.length, panelRun.commandMs);
    const rawPanelRate = perSecond(panelRun.transactions, panelRun.rawMs);
    const readRate = median(storeRates);
    const rawReadRate = median(rawRates);
    return [
      {
        group: WRITE,
        name: 'single-event commands (handleCommand + stream cache)',
        value: rounded(singleRate),
        unit: 'commands/s',
        baseline: RAW_SINGLE,
        ratio: ratio(singleRate, rawSingleRate),
        note: `${single.plan.length} over ${single.streams} streams; commits not synced (synchronous=NORMAL), to show the code's own cost; ${latencyNote(singleRun.latencies)}; ${medianRatioNote(singleRun)}; goal >= 0.8 (issue 15)`,
      },
      {
        group: WRITE,
        name: RAW_SINGLE,
        value: rounded(rawSingleRate),
        unit: 'rows/s',
        note: `the same ${singleRun.rows.length} rows, prepared INSERT, WAL, synchronous=NORMAL; ${latencyNote(singleRun.rawLatencies)}`,
      },
      {
        group: WRITE,
        name: 'single-event commands, each append synced (the server)',
        value: rounded(syncedRate),
        unit: 'commands/s',
        baseline: RAW_SINGLE_SYNCED,
        ratio: ratio(syncedRate, rawSyncedRate),
        note: `${syncedPlan.plan.length} over ${syncedPlan.streams} streams; the WAL is synced before an append is acknowledged; ${latencyNote(syncedRun.latencies)}; ${medianRatioNote(syncedRun)}`,
      },
      {
        group: WRITE,
        name: RAW_SINGLE_SYNCED,
        value: rounded(rawSyncedRate),
        unit: 'rows/s',
        note: `the same ${syncedRun.rows.length} rows; ${latencyNote(syncedRun.rawLatencies)}`,
      },
      {
        group: WRITE,
        name: `${PANEL_SIZE}-event commands (handleCommand + stream cache)`,
        value: rounded(panelRate),
        unit: 'commands/s',
        baseline: RAW_PANEL,
        ratio: ratio(panelRate, rawPanelRate),
        note: `${rounded(panelRate * PANEL_SIZE)} events/s; ${panels.plan.length} over ${panels.streams} streams; ${latencyNote(panelRun.latencies)}; ${medianRatioNote(panelRun)}`,
      },
      {
        group: WRITE,
        name: RAW_PANEL,
        value: rounded(rawPanelRate),
        unit: 'transactions/s',
        note: `the same ${panelRun.rows.length} rows; ${rounded(perSecond(panelRun.rows.length, panelRun.rawMs))} rows/s; ${latencyNote(panelRun.rawLatencies)}`,
      },
      {
        group: WRITE,
        name: `raw INSERT, ${RAW_BATCH} rows per transaction`,
        value: rounded(perSecond(batchRows.length, rawBatchMs)),
        unit: 'rows/s',
        note: `reference: ${batchRows.length} rows of both runs, batched`,
      },
      {
        group: READ,
        name: `store.readAll, batches of ${READ_BATCH}`,
        value: rounded(readRate),
        unit: 'events/s',
        baseline: RAW_SELECT,
        ratio: ratio(readRate, rawReadRate),
        note: `${afterPanels} events, median of ${size.readPasses} passes; parses actor and data JSON`,
      },
      {
        group: READ,
        name: RAW_SELECT,
        value: rounded(rawReadRate),
        unit: 'rows/s',
        note: 'the same SELECT through better-sqlite3, rows left as strings',
      },
      ...putRows,
    ];
  } finally {
    if (raw.open) raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
