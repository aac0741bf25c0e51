import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NewEvent } from '@hemotrace/event-sourcing';
import { openSqliteDatabase, SqliteEventStore } from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, now, perSecond, progress, rounded } from './bench';
import type { SampleTesting } from './workload/sample-testing.decider';
import { sampleTestingDecider } from './workload/sample-testing.decider';
import {
  dinFor,
  instant,
  metadataAt,
  receiveSample,
  recordMarkerResult,
  streamIdFor,
} from './workload/sample-testing.workload';

const GROUP = 'server';
export const HOST = '127.0.0.1';
export const TOKEN = 'bench-admin-token-0123456789abcdef';
const MAIN = resolve(__dirname, '../../apps/hemotrace/src/main.js');
const REQUEST_TIMEOUT_MS = 120_000;

const sizes = () => ({
  events: envInt('BENCH_SERVER_EVENTS', 200_000),
  streamLength: Math.max(1, envInt('BENCH_SERVER_STREAM_LENGTH', 20)),
  requests: envInt('BENCH_SERVER_REQUESTS', 2_000),
  concurrency: Math.max(1, envInt('BENCH_SERVER_CONCURRENCY', 8)),
  idleMs: envInt('BENCH_SERVER_IDLE_MS', 2_000),
  startTimeoutMs: envInt('BENCH_SERVER_START_TIMEOUT_MS', 300_000),
});

export const skipReason = (): string | null => {
  if (process.platform !== 'linux') return 'reads resident memory from /proc (Linux only)';
  if (!existsSync(MAIN)) return `the server is not built (${MAIN}); run npm run build`;
  return null;
};

const mib = (kib: number): number => rounded(kib / 1024, 1);

/** VmRSS (resident now) and VmHWM (resident peak) of a process, in KiB. */
export const residentMemory = (pid: number): { rss: number; peak: number } => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
};

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });

/** Fills a fresh data directory through the real store: one append per stream, hash chains and all. */
const prefill = async (dataDir: string, events: number, streamLength: number): Promise<number> => {
  const db = openSqliteDatabase(join(dataDir, 'hemotrace.db'));
  /* A prefill, not the path under measure: not synced append by append. */
  const store = new SqliteEventStore(db, undefined, { syncEachAppend: false });
  const started = now();
  try {
    for (let stream = 0, written = 0; written < events; stream += 1) {
      const din = dinFor(stream);
      const count = Math.min(streamLength, events - written);
      let state: SampleTesting = sampleTestingDecider.initialState;
      const batch: NewEvent[] = [];
      for (let i = 0; i < count; i += 1) {
        const at = instant(written + i);
        const command = i === 0 ? receiveSample(din, at) : recordMarkerResult(din, i, at);
        for (const event of sampleTestingDecider.decide(command, state)) {
          state = sampleTestingDecider.evolve(state, event);
          batch.push({ type: event.type, data: event.data, occurredAt: at });
        }
      }
      await store.append({
        streamId: streamIdFor(din),
        events: batch,
        expectedVersion: 'no_stream',
        metadata: metadataAt(instant(written)),
      });
      written += batch.length;
    }
  } finally {
    await store.close();
  }
  return elapsedMs(started);
};

export interface RunningServer {
  child: ChildProcess;
  port: number;
  /** From spawn to the first 200 from /health: the server listens (projections catch up in the background). */
  startMs: number;
  /** From spawn to the first 200 from /health/ready: the read models have caught up with the log. */
  readyMs: number;
  output: () => string;
}

export const startServer = async (dataDir: string, timeoutMs: number): Promise<RunningServer> => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    HEMOTRACE_STORE: 'sqlite',
    HEMOTRACE_BUS: 'in-process',
    HEMOTRACE_DATA_DIR: dataDir,
    HEMOTRACE_TOKENS: JSON.stringify([
      { token: TOKEN, userId: 'bench-admin', role: 'admin', siteId: 'BENCH' },
    ]),
    LOG_LEVEL: 'warn',
  };
  delete env.HEMOTRACE_TOKENS_FILE;
  const started = now();
  /* e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server. */
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server = { child, port, startMs: 0, readyMs: 0, output: () => tail };
  const deadline = started + timeoutMs;
  while (now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${tail}`);
    const ok = await fetch(`http://${HOST}:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) {
      const startMs = elapsedMs(started);
      while (now() < deadline) {
        const ready = await fetch(`http://${HOST}:${port}/health/ready`).then(
          (response) => response.ok,
          () => false,
        );
        if (ready) return { ...server, startMs, readyMs: elapsedMs(started) };
        await sleep(100);
      }
      break;
    }
    await sleep(100);
  }
  await stopServer(server);
  throw new Error(
    `the server did not answer /health and /health/ready within ${timeoutMs} ms (BENCH_SERVER_START_TIMEOUT_MS):\n${tail}`,
  );
};

export const stopServer = async ({ child }: RunningServer): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
};

const get = async (server: RunningServer, path: string): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(`http://${HOST}:${server.port}${path}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, body: await response.json() };
};

const idleResident = async (server: RunningServer, idleMs: number) => {
  await sleep(idleMs);
  return residentMemory(server.child.pid!);
};

/** A bounded burst: `requests` GETs from `concurrency` workers, health checks and audit-trail reads in turn. */
const httpLoad = async (server: RunningServer, requests: number, concurrency: number, streams: number) => {
  let next = 0;
  let failures = 0;
  const worker = async () => {
    for (let i = next++; i < requests; i = next++) {
      const path =
        i % 2 === 0 ? '/health' : `/api/v1/streams/${streamIdFor(dinFor((i * 7919) % streams))}/events`;
      const { status } = await get(server, path);
      if (status !== 200) failures += 1;
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms: elapsedMs(started), failures };
};

export const run = async (): Promise<BenchRow[]> => {
  const size = sizes();
  const emptyDir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-empty-'));
  const filledDir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-filled-'));
  const servers: RunningServer[] = [];
  try {
    progress('server on an empty store');
    const empty = await startServer(emptyDir, size.startTimeoutMs);
    servers.push(empty);
    const emptyIdle = await idleResident(empty, size.idleMs);
    await stopServer(empty);

    progress(`prefilling ${size.events} events through SqliteEventStore`);
    const prefillMs = await prefill(filledDir, size.events, size.streamLength);
    const streams = Math.ceil(size.events / size.streamLength);

    progress('server on the prefilled store');
    const filled = await startServer(filledDir, size.startTimeoutMs);
    servers.push(filled);
    const filledIdle = await idleResident(filled, size.idleMs);

    progress('GET /api/v1/integrity');
    const verifyStarted = now();
    const integrity = await get(filled, '/api/v1/integrity');
    const verifyMs = elapsedMs(verifyStarted);
    const report = integrity.body as { ok?: boolean; eventsChecked?: number };
    if (integrity.status !== 200 || report.ok !== true || report.eventsChecked !== size.events) {
      throw new Error(
        `integrity answered ${integrity.status}: ${JSON.stringify(integrity.body).slice(0, 500)}`,
      );
    }
    const afterVerify = residentMemory(filled.child.pid!);

    progress(`${size.requests} HTTP GETs, ${size.concurrency} at a time`);
    const load = await httpLoad(filled, size.requests, size.concurrency, streams);
    const afterLoad = residentMemory(filled.child.pid!);
    if (load.failures > 0) throw new Error(`${load.failures} of ${size.requests} GETs did not answer 200`);
    await stopServer(filled);

    const events = `${size.events} events in ${streams} streams`;
    return [
      { group: GROUP, name: 'RSS idle after start, empty store', value: mib(emptyIdle.rss), unit: 'MiB' },
      {
        group: GROUP,
        name: 'RSS idle after start, prefilled store',
        value: mib(filledIdle.rss),
        unit: 'MiB',
        note: events,
      },
      {
        group: GROUP,
        name: 'RSS after GET /api/v1/integrity',
        value: mib(afterVerify.rss),
        unit: 'MiB',
        note: `verified ${events}`,
      },
      {
        group: GROUP,
        name: 'RSS after the run',
        value: mib(afterLoad.rss),
        unit: 'MiB',
        note: `after integrity and ${size.requests} GETs; peak (VmHWM) ${mib(afterLoad.peak)} MiB`,
      },
      {
        group: GROUP,
        name: 'start to first /health, empty store',
        value: rounded(empty.startMs),
        unit: 'ms',
      },
      {
        group: GROUP,
        name: 'start to first /health, prefilled store',
        value: rounded(filled.startMs),
        unit: 'ms',
        note: `${events}; the server listens while its projections catch up (issue 15 goal: within 2 s)`,
      },
      {
        group: GROUP,
        name: 'start to /health/ready, empty store',
        value: rounded(empty.readyMs),
        unit: 'ms',
      },
      {
        group: GROUP,
        name: 'start to /health/ready, prefilled store',
        value: rounded(filled.readyMs),
        unit: 'ms',
        note: `${events}; every projection caught up with the log (the measurements above and below start here)`,
      },
      {
        group: GROUP,
        name: 'GET /api/v1/integrity',
        value: rounded(perSecond(size.events, verifyMs)),
        unit: 'events/s',
        note: `${rounded(verifyMs)} ms for ${size.events} events, ok`,
      },
      {
        group: GROUP,
        name: 'GET /health and stream audit trails',
        value: rounded(perSecond(size.requests, load.ms)),
        unit: 'requests/s',
        note: `${size.requests} requests, ${size.concurrency} concurrent, all 200`,
      },
      {
        group: GROUP,
        name: 'prefill via SqliteEventStore.append',
        value: rounded(perSecond(size.events, prefillMs)),
        unit: 'events/s',
        note: `${size.streamLength} events per append (setup, for reference)`,
      },
    ];
  } finally {
    for (const server of servers) await stopServer(server);
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(filledDir, { recursive: true, force: true });
  }
};
