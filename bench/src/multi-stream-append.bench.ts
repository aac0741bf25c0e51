import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppendRequest, EventStore } from '@hemotrace/event-sourcing';
import {
  createPostgresPool,
  openSqliteDatabase,
  PostgresEventStore,
  resolvePostgresTarget,
  SqliteEventStore,
} from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, now, perSecond, progress, rounded } from './bench';

const GROUP = 'multi-stream append';
const STREAMS = 3;
const SLICE = 250;

/** One fact on three fresh streams, as a donor registration writes it (reservation, donor, identity). */
const fact = (n: number): AppendRequest[] => {
  const id = `${n}-${randomBytes(4).toString('hex')}`;
  const metadata = {
    actor: { userId: 'bench', role: 'admin' as const, siteId: 'BC-1' },
    correlationId: id,
    commandId: `bench-${id}`,
    occurredAt: '2026-03-01T08:00:00.000Z',
  };
  return ['BenchReservation', 'BenchDonor', 'BenchIdentity'].slice(0, STREAMS).map((prefix) => ({
    streamId: `${prefix}-${id}`,
    events: [{ type: `${prefix}Recorded`, data: { id, n, note: 'x'.repeat(120) } }],
    expectedVersion: 'no_stream' as const,
    metadata,
  }));
};

/** Slices of the two ways interleaved, so that background load hits both alike. */
const measure = async (store: EventStore, facts: number) => {
  let atomicMs = 0;
  let separateMs = 0;
  let n = 0;
  while (n < facts) {
    const slice = Math.min(SLICE, facts - n);
    let started = now();
    for (let i = 0; i < slice; i++) await store.appendMany(fact(n + i));
    atomicMs += elapsedMs(started);
    started = now();
    for (let i = 0; i < slice; i++) for (const request of fact(n + i)) await store.append(request);
    separateMs += elapsedMs(started);
    n += slice;
  }
  return { atomic: perSecond(facts, atomicMs), separate: perSecond(facts, separateMs) };
};

const rowsFor = (label: string, facts: number, m: { atomic: number; separate: number }): BenchRow[] => [
  {
    group: GROUP,
    name: `${label}: ${STREAMS}-stream fact, one atomic appendMany`,
    value: rounded(m.atomic),
    unit: 'facts/s',
    baseline: `${label}: ${STREAMS}-stream fact, ${STREAMS} single appends`,
    ratio: rounded(m.atomic / m.separate, 2),
    note: `${facts} facts, ${STREAMS} one-event streams each, one process, sequential`,
  },
  {
    group: GROUP,
    name: `${label}: ${STREAMS}-stream fact, ${STREAMS} single appends`,
    value: rounded(m.separate),
    unit: 'facts/s',
    note: `the same facts written stream by stream (not atomic): ${rounded(m.separate * STREAMS)} appends/s`,
  },
];

const sqlite = async (facts: number): Promise<BenchRow[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-multi-'));
  const store = new SqliteEventStore(openSqliteDatabase(join(dir, 'bench.db')));
  try {
    await measure(store, Math.min(500, facts));
    return rowsFor('sqlite', facts, await measure(store, facts));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

const postgres = async (url: string, facts: number): Promise<BenchRow[]> => {
  const schema = `tmp_bench_multi_${randomBytes(4).toString('hex')}`;
  const pool = createPostgresPool({ ...resolvePostgresTarget(url), schema }, 4);
  try {
    const store = await PostgresEventStore.open(pool, { schema });
    await measure(store, Math.min(250, facts));
    return rowsFor('postgres', facts, await measure(store, facts));
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }
};

/** The cost of writing one fact to several streams atomically, against the same fact as single appends. */
export const run = async (): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  progress('sqlite');
  rows.push(...(await sqlite(envInt('BENCH_MULTI_SQLITE_FACTS', 3_000))));
  const url = process.env.HEMOTRACE_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    progress('postgres');
    rows.push(...(await postgres(url, envInt('BENCH_MULTI_PG_FACTS', 1_000))));
  } else {
    progress('postgres skipped: set DATABASE_URL');
  }
  return rows;
};
