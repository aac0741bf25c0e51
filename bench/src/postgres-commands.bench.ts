import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import {
  APPEND_STATEMENTS,
  createPostgresPool,
  EVENT_STORE_MIGRATIONS,
  handleCommand,
  StreamStateCache,
  migrate,
  PostgresEventStore,
  resolvePostgresTarget,
} from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, now, percentile, perSecond, progress, rounded } from './bench';
import { sampleTestingDecider } from './workload/sample-testing.decider';
import type { PlannedCommand } from './workload/sample-testing.workload';
import { metadataAt, singleEventPlan } from './workload/sample-testing.workload';
import { COLUMNS } from './workload/stored-columns';

const GROUP = 'postgres write';
const SLICE_COMMANDS = 2_000;

type RowValues = (string | number | null)[];

const databaseUrl = (): string | undefined =>
  process.env.HEMOTRACE_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

export const skipReason = (): string | null =>
  databaseUrl() ? null : 'set DATABASE_URL (e.g. from `npm run infra:postgres`) to measure PostgreSQL';

const sizes = () => ({
  single: envInt('BENCH_PG_COMMANDS', 4_000),
  concurrent: envInt('BENCH_PG_CONCURRENT_COMMANDS', 16_000),
  writers: Math.max(2, envInt('BENCH_PG_WRITERS', 16)),
  streamLength: envInt('BENCH_STREAM_LENGTH', 10),
  warmup: envInt('BENCH_WARMUP', 1_000),
  appendStatements: envInt('BENCH_PG_APPEND_STATEMENTS', APPEND_STATEMENTS),
});

interface Schema {
  name: string;
  pool: Pool;
}

const openSchema = async (url: string, label: string, poolSize: number): Promise<Schema> => {
  const name = `tmp_bench_${label}_${randomBytes(4).toString('hex')}`;
  const pool = createPostgresPool({ ...resolvePostgresTarget(url), schema: name }, poolSize, name);
  return { name, pool };
};

const dropSchema = async (schema: Schema): Promise<void> => {
  await schema.pool.query(`DROP SCHEMA IF EXISTS ${schema.name} CASCADE`);
  await schema.pool.end();
};

/** Each writer owns whole streams (stream order kept), as separate clients each working their own units. */
const partition = (plan: readonly PlannedCommand[], writers: number): PlannedCommand[][] => {
  const lanes: PlannedCommand[][] = Array.from({ length: writers }, () => []);
  const laneOf = new Map<string, number>();
  for (const planned of plan) {
    if (!laneOf.has(planned.streamId)) laneOf.set(planned.streamId, laneOf.size % writers);
    lanes[laneOf.get(planned.streamId)!].push(planned);
  }
  return lanes;
};

/* The server's path: CommandExecutor keeps one stream-state cache for the process, so one cache serves every slice. */
const runCommands = async (
  store: PostgresEventStore,
  plan: readonly PlannedCommand[],
  writers: number,
  cache: StreamStateCache,
) => {
  const latencies: number[] = [];
  const started = now();
  await Promise.all(
    partition(plan, writers).map(async (lane) => {
      for (const { streamId, command, at } of lane) {
        const t = now();
        await handleCommand(store, sampleTestingDecider, streamId, command, metadataAt(at), { cache });
        latencies.push(now() - t);
      }
    }),
  );
  return { ms: elapsedMs(started), latencies };
};

const rowsAfter = async (pool: Pool, position: number): Promise<RowValues[]> => {
  const { rows } = await pool.query<Record<string, string | number | null>>(
    `SELECT ${COLUMNS.map((c) => (c === 'actor' || c === 'data' ? `${c}::text` : c)).join(', ')}
     FROM events WHERE global_position > $1 ORDER BY global_position`,
    [position],
  );
  return rows.map((row) => COLUMNS.map((column) => row[column]));
};

const lastPosition = async (pool: Pool): Promise<number> =>
  Number(
    (await pool.query<{ p: string }>('SELECT coalesce(max(global_position), 0) p FROM events')).rows[0].p,
  );

/** The baseline: the same rows, one INSERT per transaction (autocommit, prepared), `writers` connections at once. */
const rawInsert = async (pool: Pool, rows: readonly RowValues[], writers: number): Promise<number> => {
  const text = `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
  const lanes: RowValues[][] = Array.from({ length: writers }, () => []);
  rows.forEach((row, i) => lanes[i % writers].push(row));
  const started = now();
  await Promise.all(
    lanes.map(async (lane) => {
      const client = await pool.connect();
      try {
        for (const values of lane) await client.query({ name: 'raw-insert', text, values });
      } finally {
        client.release();
      }
    }),
  );
  return elapsedMs(started);
};

/**
 * CPU (user + system, ms) used so far by the backends of one bench pool (its schema's name is
 * their application name), by pid: other sessions on a shared server are left out. Read from
 * /proc, so only when the server runs on this machine (null otherwise).
 */
const backendCpu = async (schema: Schema): Promise<Map<number, number> | null> => {
  if (process.platform !== 'linux') return null;
  const { rows } = await schema.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND backend_type = 'client backend'`,
    [schema.name],
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      return null;
    }
  }
  return cpu;
};

const cpuSince = (before: Map<number, number> | null, after: Map<number, number> | null): number | null => {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
  return ms;
};

const addCpu = (total: number | null, ms: number | null): number | null =>
  total === null || ms === null ? null : total + ms;

/** CPU (user + system, ms) this bench process used since `before`: the client side of each way. */
const clientMs = (before: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

const perEvent = (ms: number, events: number): number => rounded((ms * 1000) / Math.max(1, events));

const cpuNote = (serverMs: number | null, clientCpuMs: number, events: number): string =>
  `${serverMs === null ? '' : `; server CPU ${perEvent(serverMs, events)} µs per event`}; client CPU ${perEvent(clientCpuMs, events)} µs per event`;

const latencyNote = (latencies: number[]): string =>
  `p50 ${rounded(percentile(latencies, 50), 2)} ms, p99 ${rounded(percentile(latencies, 99), 2)} ms`;

const ratio = (value: number, baseline: number): number => rounded(baseline > 0 ? value / baseline : 0, 2);

/**
 * Commands per second through handleCommand on PostgreSQL (read the stream, decide, one append
 * call) at 1 and at N concurrent writers, against raw single-row INSERTs of the very rows those
 * commands wrote, into an identical table, in the same run, slice by slice. Goal: at least 70%
 * of raw. Each row also reports the CPU per event of the server backends and of this process, so
 * a gap shows on which side it is.
 */
export const runPostgresBench = async (): Promise<BenchRow[]> => {
  const url = databaseUrl()!;
  const size = sizes();
  const storeSchema = await openSchema(url, 'store', size.writers + 1);
  const rawSchema = await openSchema(url, 'raw', size.writers + 1);
  try {
    await migrate(rawSchema.pool, rawSchema.name, EVENT_STORE_MIGRATIONS);
    const store = await PostgresEventStore.open(storeSchema.pool, {
      schema: storeSchema.name,
      appendStatements: size.appendStatements,
    });
    const rows: BenchRow[] = [];

    const warmup = singleEventPlan(900_000, size.warmup, size.streamLength).plan;
    await runCommands(store, warmup, 1, new StreamStateCache());
    await rawInsert(rawSchema.pool, await rowsAfter(storeSchema.pool, 0), 1);

    let firstDin = 0;
    for (const [writers, count] of [
      [1, size.single],
      [size.writers, size.concurrent],
    ] as const) {
      progress(
        `postgres: ${count} single-event commands at ${writers} writer(s), each slice followed by raw inserts of its rows`,
      );
      const plan = singleEventPlan(firstDin, count, size.streamLength);
      firstDin += plan.streams;
      const cache = new StreamStateCache();
      const command = { ms: 0, server: 0 as number | null, client: 0, latencies: [] as number[] };
      const raw = { ms: 0, server: 0 as number | null, client: 0, rows: 0 };
      /* slices of whole rounds over the streams, the two ways interleaved, so that background load hits both alike */
      const slice = plan.streams * Math.max(1, Math.floor(SLICE_COMMANDS / plan.streams));
      for (let from = 0; from < plan.plan.length; from += slice) {
        const part = plan.plan.slice(from, from + slice);
        const before = await lastPosition(storeSchema.pool);
        const cpuBefore = await backendCpu(storeSchema);
        const clientBefore = process.cpuUsage();
        const commands = await runCommands(store, part, writers, cache);
        command.client += clientMs(clientBefore);
        command.server = addCpu(command.server, cpuSince(cpuBefore, await backendCpu(storeSchema)));
        command.ms += commands.ms;
        command.latencies.push(...commands.latencies);
        const written = await rowsAfter(storeSchema.pool, before);
        const rawCpuBefore = await backendCpu(rawSchema);
        const rawClientBefore = process.cpuUsage();
        raw.ms += await rawInsert(rawSchema.pool, written, writers);
        raw.client += clientMs(rawClientBefore);
        raw.server = addCpu(raw.server, cpuSince(rawCpuBefore, await backendCpu(rawSchema)));
        raw.rows += written.length;
      }
      const commandRate = perSecond(plan.plan.length, command.ms);
      const rawRate = perSecond(raw.rows, raw.ms);
      const rawName = `raw INSERT, 1 row per transaction, ${writers} connection(s)`;
      rows.push(
        {
          group: GROUP,
          name: `single-event commands (handleCommand + stream cache), ${writers} writer(s)`,
          value: rounded(commandRate),
          unit: 'commands/s',
          baseline: rawName,
          ratio: ratio(commandRate, rawRate),
          note: `${plan.plan.length} over ${plan.streams} streams; ${latencyNote(command.latencies)}${cpuNote(command.server, command.client, plan.plan.length)}; goal ratio >= 0.7`,
        },
        {
          group: GROUP,
          name: rawName,
          value: rounded(rawRate),
          unit: 'rows/s',
          note: `the same ${raw.rows} rows and columns, prepared INSERT, autocommit, identical table and indexes${cpuNote(raw.server, raw.client, raw.rows)}`,
        },
      );
    }
    await store.close();
    return rows;
  } finally {
    await dropSchema(storeSchema);
    await dropSchema(rawSchema);
  }
};

export const run = runPostgresBench;
