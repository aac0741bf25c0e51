import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchModule, BenchRow } from './bench';
import { BenchSkipped, elapsedMs, now, rounded } from './bench';

interface Registered {
  name: string;
  load: () => Promise<BenchModule>;
}

/** Every benchmark of `npm run bench`, run in this order in one process. Register a module with one line. */
const BENCHMARKS: Registered[] = [
  { name: 'sqlite-commands', load: () => import('./sqlite-commands.bench') },
  { name: 'http-commands', load: () => import('./http-commands.bench') },
  { name: 'server-memory', load: () => import('./server-memory.bench') },
  { name: 'traceability', load: () => import('./traceability.bench') },
  { name: 'postgres-commands', load: () => import('./postgres-commands.bench') },
  { name: 'kafka-relay', load: () => import('./kafka-relay.bench') },
  { name: 'evidence', load: () => import('./evidence.bench') },
  { name: 'ui', load: () => import('./ui.bench') },
  { name: 'multi-stream-append', load: () => import('./multi-stream-append.bench') },
];

interface Outcome {
  name: string;
  status: 'ok' | 'skipped' | 'failed';
  seconds: number;
  reason?: string;
}

const selected = (): Registered[] => {
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (only.length === 0) return BENCHMARKS;
  const unknown = only.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY names unknown benchmarks: ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  }
  return BENCHMARKS.filter((b) => only.includes(b.name));
};

const gitCommit = (): string | null => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};

const machine = () => {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()!.v;
  memory.close();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: rounded(totalmem() / 1024 ** 3, 1),
    os: `${platform()} ${release()}`,
    node: process.version,
    sqlite,
  };
};

const formatValue = (value: number): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(value) ? 0 : 2 });

const printTable = (rows: readonly BenchRow[]): void => {
  const header = ['group', 'name', 'value', 'unit', 'ratio', 'baseline', 'note'];
  const cells = rows.map((row) => [
    row.group,
    row.name,
    formatValue(row.value),
    row.unit,
    row.ratio === undefined ? '' : row.ratio.toFixed(2),
    row.baseline ?? '',
    row.note ?? '',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const rightAligned = new Set([2, 4]);
  const line = (values: string[]) =>
    values
      .map((value, i) => (rightAligned.has(i) ? value.padStart(widths[i]) : value.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const values of cells) console.log(line(values));
};

const writeResults = (report: object, startedAt: Date): string => {
  const dir = resolve(process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results'));
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(dir, `bench-${stamp}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  return file;
};

const main = async (): Promise<void> => {
  const startedAt = new Date();
  const benchmarks = selected();
  const rows: BenchRow[] = [];
  const outcomes: Outcome[] = [];
  for (const benchmark of benchmarks) {
    const started = now();
    const seconds = () => rounded(elapsedMs(started) / 1000, 1);
    try {
      const module = await benchmark.load();
      const reason = module.skipReason?.() ?? null;
      if (reason) {
        console.log(`skipped ${benchmark.name}: ${reason}`);
        outcomes.push({ name: benchmark.name, status: 'skipped', seconds: 0, reason });
        continue;
      }
      console.log(`running ${benchmark.name} ...`);
      rows.push(...(await module.run()));
      outcomes.push({ name: benchmark.name, status: 'ok', seconds: seconds() });
      console.log(`  done in ${seconds()} s`);
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      const status = error instanceof BenchSkipped ? 'skipped' : 'failed';
      if (status === 'failed') console.error(error);
      console.log(`${status} ${benchmark.name}: ${reason}`);
      outcomes.push({ name: benchmark.name, status, seconds: seconds(), reason });
    }
  }
  console.log('');
  printTable(rows);
  const file = writeResults(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: gitCommit(),
      machine: machine(),
      settings: Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('BENCH_'))),
      benchmarks: outcomes,
      rows,
    },
    startedAt,
  );
  console.log(`\nresults: ${file}`);
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
