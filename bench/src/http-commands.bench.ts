import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import type { AppendRequest, RecordedEvent } from '@hemotrace/event-sourcing';
import { LOG_START, openSqliteDatabase, SqliteEventStore } from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { envInt, progress, rounded } from './bench';
import type { RunningServer } from './server-memory.bench';
import { HOST, residentMemory, skipReason, startServer, stopServer, TOKEN } from './server-memory.bench';
import { dinFor } from './workload/sample-testing.workload';

export { skipReason };

const GROUP = 'http';

const sizes = () => ({
  connections: Math.max(1, envInt('BENCH_HTTP_CONNECTIONS', 16)),
  seconds: Math.max(1, envInt('BENCH_HTTP_SECONDS', 10)),
  warmupSeconds: envInt('BENCH_HTTP_WARMUP_SECONDS', 2),
  donations: Math.max(1, envInt('BENCH_HTTP_DONATIONS', 400)),
  idleMs: envInt('BENCH_SERVER_IDLE_MS', 2_000),
  startTimeoutMs: envInt('BENCH_SERVER_START_TIMEOUT_MS', 300_000),
});

const mib = (kib: number): number => rounded(kib / 1024, 1);

/** CPU time (user + system) the server process has used, in ms: a busy machine slows it less than wall time. */
const cpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/** Collected donations for the laboratory to test: collection's stored contract, written before the start. */
const prefillDonations = async (dataDir: string, count: number): Promise<string[]> => {
  /* A prefill, not the path under measure: not synced append by append. */
  const store = new SqliteEventStore(openSqliteDatabase(join(dataDir, 'hemotrace.db')), undefined, {
    syncEachAppend: false,
  });
  const dins = Array.from({ length: count }, (_, i) => dinFor(900_000 + i));
  try {
    for (const din of dins) {
      await store.append({
        streamId: `Donation-${din}`,
        events: [
          {
            type: 'DonationCompleted',
            data: {
              din,
              donorId: `bench-donor-${din}`,
              procedure: 'WHOLE_BLOOD',
              volumeMl: 400,
              startedAt: '2026-03-01T08:00:00.000Z',
              endedAt: '2026-03-01T08:09:00.000Z',
              siteId: 'BC-1',
              siteType: 'FIXED_SITE',
              bagLot: 'BAG-L1',
            },
          },
        ],
        expectedVersion: 'no_stream',
        metadata: {
          actor: { userId: 'bench-phlebotomist', role: 'phlebotomist', siteId: 'BC-1' },
          correlationId: `bench-${din}`,
          occurredAt: '2026-03-01T08:09:00.000Z',
        },
      });
    }
  } finally {
    await store.close();
  }
  return dins;
};

/** The log's events, each command's together (a command's events are contiguous: one writer). */
const commandsOf = async (dataDir: string): Promise<RecordedEvent[][]> => {
  const store = new SqliteEventStore(openSqliteDatabase(join(dataDir, 'hemotrace.db')));
  const commands: RecordedEvent[][] = [];
  try {
    for (let after = LOG_START; ;) {
      const batch = await store.readAll(after, 5000);
      if (batch.events.length === 0) return commands;
      for (const event of batch.events) {
        const last = commands.at(-1);
        if (last && event.commandId !== null && last[0].commandId === event.commandId) last.push(event);
        else commands.push([event]);
      }
      after = batch.checkpoint;
    }
  } finally {
    await store.close();
  }
};

/** A recorded command as its append requests again: one per stream, with the version it found. */
const appendRequestsOf = (events: RecordedEvent[]): AppendRequest[] => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return [...streams.values()].map((stream) => ({
    streamId: stream[0].streamId,
    events: stream.map((e) => ({ type: e.type, data: e.data })),
    expectedVersion: stream[0].streamVersion === 1 ? 'no_stream' : stream[0].streamVersion - 1,
    metadata: {
      actor: stream[0].actor,
      correlationId: stream[0].correlationId,
      causationId: stream[0].causationId,
      commandId: stream[0].commandId,
      occurredAt: stream[0].occurredAt,
    },
  }));
};

interface StoreShare {
  registrations: number;
  markerResults: number;
  /** Bench-process CPU per command, ms. */
  registerMs: number;
  markerMs: number;
}

/**
 * The store's part of a command's CPU: the events the HTTP run recorded, appended again in log
 * order into a fresh SQLite file in this process the way the commands appended them (a
 * registration's three streams in one appendMany, a marker result alone), with nothing else
 * running: no HTTP, no projections, no Merkle tree.
 */
const storeShare = async (dataDir: string): Promise<StoreShare> => {
  const commands = await commandsOf(dataDir);
  const replayDir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-http-replay-'));
  const store = new SqliteEventStore(openSqliteDatabase(join(replayDir, 'hemotrace.db')));
  const share = { registrations: 0, markerResults: 0, registerUs: 0, markerUs: 0 };
  try {
    for (const events of commands) {
      const requests = appendRequestsOf(events);
      const kind = events.some((e) => e.streamId.startsWith('DonorDocument-'))
        ? 'register'
        : events.length === 1 && events[0].type === 'MarkerResultRecorded'
          ? 'marker'
          : null;
      const before = process.cpuUsage();
      await store.appendMany(requests);
      const used = process.cpuUsage(before);
      if (kind === 'register') {
        share.registrations += 1;
        share.registerUs += used.user + used.system;
      } else if (kind === 'marker') {
        share.markerResults += 1;
        share.markerUs += used.user + used.system;
      }
    }
  } finally {
    await store.close();
    rmSync(replayDir, { recursive: true, force: true });
  }
  return {
    registrations: share.registrations,
    markerResults: share.markerResults,
    registerMs: share.registerUs / 1000 / Math.max(1, share.registrations),
    markerMs: share.markerUs / 1000 / Math.max(1, share.markerResults),
  };
};

const post = async (server: RunningServer, path: string, body: unknown): Promise<number> => {
  const response = await fetch(`http://${HOST}:${server.port}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
};

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
  total: number;
  /** Server CPU per request. */
  cpuMsPerRequest: number;
}

const load = async (
  server: RunningServer,
  seconds: number,
  connections: number,
  request: autocannon.Request,
): Promise<Load> => {
  const cpuBefore = cpuMs(server.child.pid!);
  const result = await autocannon({
    url: `http://${HOST}:${server.port}`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    requests: [request],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
    cpuMsPerRequest: (cpuMs(server.child.pid!) - cpuBefore) / Math.max(1, result.requests.total),
  };
};

let documents = 0;
const registerDonor: autocannon.Request = {
  method: 'POST',
  path: '/api/v1/donors',
  setupRequest: (request) => ({
    ...request,
    body: JSON.stringify({
      name: 'Bench Donor',
      document: { type: 'RESIDENT_ID_CARD', number: `1101011990${String(++documents).padStart(8, '0')}` },
      birthDate: '1990-05-01',
      sex: documents % 2 ? 'F' : 'M',
      contact: { phone: '+86 138 0000 0000' },
    }),
  }),
};

/** Each result a new kit (its maker), so no kit concludes and every request records one event. */
let results = 0;
const recordMarkerResult = (dins: string[]): autocannon.Request => ({
  method: 'POST',
  setupRequest: (request) => {
    const n = ++results;
    return {
      ...request,
      path: `/api/v1/laboratory/donations/${dins[n % dins.length]}/marker-results`,
      body: JSON.stringify({
        marker: 'HBV',
        method: 'ELISA',
        reagent: { manufacturer: `Maker-${n}`, lot: `HBV-L${n}` },
        instrument: 'FAME-24/20',
        value: 0.18,
        interpretation: 'NON_REACTIVE',
      }),
    };
  },
});

const health: autocannon.Request = { method: 'GET', path: '/health' };

/**
 * Write commands over HTTP against the built all-in-one server on SQLite, next to GET /health on
 * the same server in the same run: the framework's own floor is the baseline.
 */
export const run = async (): Promise<BenchRow[]> => {
  const size = sizes();
  const dataDir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-http-'));
  let server: RunningServer | null = null;
  try {
    progress(`${size.donations} collected donations for the laboratory`);
    const dins = await prefillDonations(dataDir, size.donations);
    server = await startServer(dataDir, size.startTimeoutMs);
    await sleep(size.idleMs);
    const idle = residentMemory(server.child.pid!);
    for (const din of dins) {
      const status = await post(server, `/api/v1/laboratory/donations/${din}/sample-receipts`, {
        labSiteId: 'BC-1',
        labType: 'CENTRAL_LAB',
        transportMinutes: 95,
        condition: 'ACCEPTABLE',
      });
      if (status !== 201) throw new Error(`sample receipt for ${din} answered ${status}`);
    }
    const measured: [string, autocannon.Request][] = [
      ['GET /health', health],
      ['POST /api/v1/donors (register a donor)', registerDonor],
      ['POST marker-results (record a laboratory marker result)', recordMarkerResult(dins)],
    ];
    const loads = new Map<string, Load>();
    for (const [name, request] of measured) {
      progress(`${name}: ${size.connections} connections, ${size.seconds} s`);
      if (size.warmupSeconds > 0) await load(server, size.warmupSeconds, size.connections, request);
      loads.set(name, await load(server, size.seconds, size.connections, request));
    }
    const underLoad = residentMemory(server.child.pid!);
    await sleep(size.idleMs);
    const after = residentMemory(server.child.pid!);
    await stopServer(server);
    server = null;
    progress('the recorded commands appended again in this process (the store share)');
    const share = await storeShare(dataDir);
    const floor = loads.get('GET /health')!;
    const rows: BenchRow[] = [...loads].map(([name, result]) => ({
      group: GROUP,
      name,
      value: rounded(result.requestsPerSecond),
      unit: 'requests/s',
      ...(name === 'GET /health'
        ? {}
        : {
            baseline: 'GET /health',
            ratio: rounded(result.requestsPerSecond / floor.requestsPerSecond, 3),
          }),
      note: `${size.connections} connections, ${result.total} requests; p50 ${result.p50} ms, p99 ${result.p99} ms; ${result.errors} errors`,
    }));
    for (const [name, result] of loads) {
      rows.push({
        group: GROUP,
        name: `${name}: server CPU per request`,
        value: rounded(result.cpuMsPerRequest, 3),
        unit: 'ms',
        ...(name === 'GET /health'
          ? {}
          : {
              baseline: 'GET /health: server CPU per request',
              ratio: rounded(floor.cpuMsPerRequest / result.cpuMsPerRequest, 3),
            }),
        note: 'user + system time of the server process over the timed run; ratio = /health CPU / this',
      });
    }
    for (const [name, ms, count, http] of [
      [
        "a registration's 3-stream append (SqliteEventStore.appendMany, in process)",
        share.registerMs,
        share.registrations,
        'POST /api/v1/donors (register a donor)',
      ],
      [
        "a marker result's append (SqliteEventStore.appendMany, in process)",
        share.markerMs,
        share.markerResults,
        'POST marker-results (record a laboratory marker result)',
      ],
    ] as const) {
      rows.push({
        group: GROUP,
        name: `store share: ${name}`,
        value: rounded(ms, 3),
        unit: 'ms',
        baseline: `${http}: server CPU per request`,
        ratio: rounded(ms / loads.get(http)!.cpuMsPerRequest, 3),
        note: `CPU per command, ${count} recorded commands replayed in log order into a fresh file; ratio = the store's share of the request's server CPU`,
      });
    }
    rows.push(
      {
        group: GROUP,
        name: 'RSS idle after start',
        value: mib(idle.rss),
        unit: 'MiB',
        note: `${size.donations} donations in the store; goal <= 150 MiB`,
      },
      {
        group: GROUP,
        name: 'RSS peak under the HTTP load',
        value: mib(underLoad.peak),
        unit: 'MiB',
        note: `VmHWM after every run above; RSS ${mib(after.rss)} MiB ${size.idleMs} ms later; goal <= 250 MiB`,
      },
    );
    return rows;
  } finally {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
};
