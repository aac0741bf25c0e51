import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import {
  LOG_START,
  openSqliteDatabase,
  ProjectionRunner,
  SqliteEventStore,
  SqliteReadModelStore,
} from '@hemotrace/event-sourcing';
import type { LineageNode } from '@hemotrace/traceability';
import { ImpactQueries, TraceQueries } from '@hemotrace/traceability';
import { investigationProfile } from '@hemotrace/traceability/contracts';
import { InProcessBus } from '@hemotrace/messaging';
import { LINEAGE, LineageGraphProjection, LineageStreamsProjection } from '@hemotrace/traceability/tooling';
import { DemoDataGenerator, RawSqliteEventWriter } from '../../apps/cli/src/demo';
import { publishedContracts } from '../../apps/cli/src/published-contracts';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, median, now, percentile, perSecond, progress, rounded } from './bench';

const GROUP = 'traceability';
/** Bump when the generator changes, so cached stores are regenerated. */
const GENERATOR_VERSION = 3;
/* A low estimate, so the generator never falls short; writing stops at the target (the log "so far"). */
const EVENTS_PER_DONATION = 45;
const READ_BATCH = 5000;

/**
 * The store is generated once per size and cached in the temp directory: contract-shaped events
 * from the demo generator, with envelopes and hash chains built exactly as the store builds them,
 * written by batched raw INSERTs (not through EventStore.append) for speed.
 */
const generatedStore = (target: number, seed: number): string => {
  const dir = join(tmpdir(), `hemotrace-bench-trace-${target}-${seed}-v${GENERATOR_VERSION}`);
  const done = join(dir, 'generated.json');
  if (existsSync(done)) {
    progress(`reusing generated store ${dir}`);
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openSqliteDatabase(join(dir, 'hemotrace.db'));
  db.pragma('synchronous = OFF');
  new SqliteEventStore(db);
  const generator = new DemoDataGenerator({
    donations: Math.max(10, Math.round(target / EVENTS_PER_DONATION)),
    seed,
    planReactions: true,
  });
  const writer = new RawSqliteEventWriter(db);
  const started = now();
  let planned = 0;
  for (const event of generator.events()) {
    if (planned >= target) break;
    writer.write(event);
    planned += 1;
    if (planned % 500_000 === 0) progress(`generated ${planned} events`);
  }
  writer.flush();
  db.close();
  const seconds = elapsedMs(started) / 1000;
  progress(`generated ${writer.written} events in ${rounded(seconds, 1)} s`);
  writeFileSync(done, JSON.stringify({ events: writer.written, seconds, summary: generator.summary }));
  return dir;
};

/** CPU seconds of this process (user + system) since `from`: the machine is shared, wall time is not ours alone. */
const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

interface Latencies {
  wall: number[];
  /** This process's CPU time per query: what a query costs when it is not waiting for a core. */
  cpu: number[];
}

const timed = async (samples: string[], query: (id: string) => Promise<unknown>): Promise<Latencies> => {
  const latencies: Latencies = { wall: [], cpu: [] };
  for (const id of samples) {
    const cpu = process.cpuUsage();
    const started = now();
    await query(id);
    latencies.wall.push(elapsedMs(started));
    latencies.cpu.push(cpuSeconds(cpu) * 1000);
  }
  return latencies;
};

/**
 * Bytes this process has had read from the disk (Linux `/proc/self/io`), undefined elsewhere: what
 * a query paid for pages that were in neither SQLite's cache nor the OS page cache.
 */
const diskReadBytes = (): number | undefined => {
  try {
    const line = /^read_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
};

const sampleKeys = async (
  readModels: ReadModelStore,
  kind: string,
  count: number,
  seed: number,
): Promise<string[]> => {
  const total = await readModels.count(LINEAGE.nodes, { kind });
  const keys: string[] = [];
  let x = seed;
  for (let i = 0; i < count && total > 0; i += 1) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const [node] = await readModels.find<LineageNode>(
      LINEAGE.nodes,
      { kind },
      { limit: 1, offset: x % total },
    );
    if (node) keys.push(node.key);
  }
  return keys;
};

const latencyRows = (name: string, { wall, cpu }: Latencies, goalMs: number): BenchRow[] => [
  {
    group: GROUP,
    name: `${name} p50`,
    value: rounded(median(wall), 2),
    unit: 'ms',
    note: `${wall.length} queries`,
  },
  {
    group: GROUP,
    name: `${name} p99`,
    value: rounded(percentile(wall, 99), 2),
    unit: 'ms',
    note: `goal < ${goalMs} ms`,
  },
  {
    group: GROUP,
    name: `${name} CPU p99`,
    value: rounded(percentile(cpu, 99), 2),
    unit: 'ms',
    note: 'CPU time of this process per query (a wall p99 far above it waited for a core)',
  },
];

export const run = async (): Promise<BenchRow[]> => {
  const target = envInt('BENCH_TRACE_EVENTS', 1_000_000);
  const seed = envInt('BENCH_TRACE_SEED', 20260101);
  const queries = envInt('BENCH_TRACE_QUERIES', 300);
  const dir = generatedStore(target, seed);
  const db = openSqliteDatabase(join(dir, 'hemotrace.db'));
  const store = new SqliteEventStore(db);
  const readModels = new SqliteReadModelStore(db);
  const rows: BenchRow[] = [];
  try {
    const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
    const sizeNote = `store of ${total} events (generated with raw batched INSERTs)`;

    progress('reading the raw log');
    let started = now();
    let cpu = process.cpuUsage();
    let checkpoint = LOG_START;
    let read = 0;
    for (;;) {
      const batch = await store.readAll(checkpoint, READ_BATCH);
      if (batch.events.length === 0) break;
      read += batch.events.length;
      checkpoint = batch.checkpoint;
    }
    const rawRate = perSecond(read, elapsedMs(started));
    const rawCpuRate = read / cpuSeconds(cpu);
    rows.push({
      group: GROUP,
      name: 'raw log read (readAll, parsed)',
      value: Math.round(rawRate),
      unit: 'events/s',
      note: sizeNote,
    });

    const runner = new ProjectionRunner(store, readModels, {
      batchSize: READ_BATCH,
      rebuildBatchSize: envInt('BENCH_REBUILD_BATCH', 10_000),
    });
    /* The lineage is two processors: the stream index follows the log, the graph folds contracts. */
    const streamIndex = new LineageStreamsProjection();
    const graph = new LineageGraphProjection();
    runner.addProjection(streamIndex);
    new InProcessBus(runner, publishedContracts()).project(graph);
    progress('rebuilding traceability.lineage (stream index and graph, one pass over the log)');
    started = now();
    cpu = process.cpuUsage();
    const rebuilt = await runner.rebuildAll([streamIndex.name, InProcessBus.projectionName(graph)], (n) => {
      if (n % 500_000 < READ_BATCH) progress(`rebuilt ${n} events`);
    });
    progress(`lineage: ${rebuilt} events in ${rounded(cpuSeconds(cpu), 2)} s of CPU`);
    const rebuildRate = perSecond(rebuilt, elapsedMs(started));
    const rebuildCpuRate = rebuilt / cpuSeconds(cpu);
    rows.push({
      group: GROUP,
      name: 'lineage projection rebuild',
      value: Math.round(rebuildRate),
      unit: 'events/s',
      baseline: 'raw log read (readAll, parsed)',
      ratio: rounded(rebuildRate / rawRate, 2),
      note: 'both lineage processors in one pass over the log; goal: ratio >= 0.60',
    });
    rows.push(
      {
        group: GROUP,
        name: 'raw log read per CPU second',
        value: Math.round(rawCpuRate),
        unit: 'events/s',
        note: "events over this process's user + system CPU time",
      },
      {
        group: GROUP,
        name: 'lineage projection rebuild per CPU second',
        value: Math.round(rebuildCpuRate),
        unit: 'events/s',
        baseline: 'raw log read per CPU second',
        ratio: rounded(rebuildCpuRate / rawCpuRate, 2),
        note: 'the same ratio, unaffected by other processes on the machine',
      },
      {
        group: GROUP,
        name: 'bench process RSS after rebuild',
        value: rounded(process.memoryUsage().rss / 1024 ** 2, 1),
        unit: 'MiB',
        note: 'the log read, the rebuild windows committed (SQLite page cache and V8 heap as they stand)',
      },
    );

    /* Without statistics SQLite prefers the (collection, id) key prefix to the expression indexes. */
    db.exec('ANALYZE read_models');
    const traces = new TraceQueries(readModels, store);
    const impact = new ImpactQueries(readModels);
    const profile = investigationProfile('CN-2019');
    const units = await sampleKeys(readModels, 'unit', queries, seed);
    const donors = await sampleKeys(readModels, 'donor', queries, seed + 1);
    const patients = await sampleKeys(readModels, 'patient', queries, seed + 2);
    progress(`querying ${units.length} units, ${donors.length} donors, ${patients.length} patients`);
    await timed(units.slice(0, 20), (u) => traces.unit(u));
    const eventsPerTrace: number[] = [];
    const diskBefore = diskReadBytes();
    const firstPass = await timed(units, async (u) => {
      eventsPerTrace.push((await traces.unit(u)).events.length);
    });
    const diskAfter = diskReadBytes();
    rows.push(...latencyRows('unit trace (lineage + streams + verify)', firstPass, 5));
    /*
     * A trace reads each event row of its streams, and a stream's rows lie apart in the log: once the
     * store outgrows the page cache, the first pass waits for about one disk read per row. The same
     * units again, their pages cached, show what the code itself costs.
     */
    rows.push(
      ...latencyRows(
        'unit trace, the same units again (pages cached)',
        await timed(units, (u) => traces.unit(u)),
        5,
      ),
      {
        group: GROUP,
        name: 'unit trace events per query p50',
        value: median(eventsPerTrace),
        unit: 'events',
        note: `p99 ${percentile(eventsPerTrace, 99)}: the rows read and verified, every event of every stream shown`,
      },
    );
    if (diskBefore !== undefined && diskAfter !== undefined && units.length > 0) {
      rows.push({
        group: GROUP,
        name: 'unit trace disk reads per query (first pass)',
        value: rounded((diskAfter - diskBefore) / units.length / 1024, 1),
        unit: 'KiB',
        note: 'read_bytes of /proc/self/io: pages in neither SQLite nor the OS page cache',
      });
    }
    rows.push(
      ...latencyRows(
        'donor lookback (read models)',
        await timed(donors, (d) => impact.lookback(profile, d)),
        20,
      ),
    );
    rows.push(
      ...latencyRows(
        'patient traceback (read models)',
        await timed(patients, (p) => impact.traceback(p)),
        20,
      ),
    );
    rows.push({
      group: GROUP,
      name: 'bench process RSS after queries',
      value: rounded(process.memoryUsage().rss / 1024 ** 2, 1),
      unit: 'MiB',
      note: 'store and read models in-process (SQLite, no server)',
    });
    return rows;
  } finally {
    await store.close();
  }
};
