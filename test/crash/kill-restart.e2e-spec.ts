import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { freePortsBelowEphemeral } from '../support/ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@hemotrace/event-sourcing';
import { computeDinCheckCharacter } from '@hemotrace/kernel';
import {
  createPostgresPool,
  LOG_START,
  openSqliteDatabase,
  PostgresEventStore,
  resolvePostgresTarget,
  SqliteEventStore,
} from '@hemotrace/event-sourcing';

/**
 * kill -9 of the real server (node dist/apps/hemotrace/src/main.js) under bounded concurrent load,
 * then a restart on the same store (issue 13): no acknowledged command is lost, a keyed retry of
 * every request gets its first answer (or, for one never answered, runs exactly once), `verify` is
 * clean. The load is a mix: each worker walks donors through registration (one fact on three
 * streams, appended at once), screening, donation start (donor register, DIN register and donation
 * streams) and completion, so the kill lands between and inside multi-stream commands. Runs on the
 * store HEMOTRACE_TEST_STORE names (sqlite, or postgres in its own schema); npm test runs it on both.
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist/apps/hemotrace/src/main.js');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
const STORE = process.env.HEMOTRACE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
const WORKERS = 6;
const TOKEN = 'crash-test-token-0000000';
const PHLEBOTOMIST = 'crash-test-token-phleb00';
const healthy = {
  weightKg: 68,
  systolicMmHg: 120,
  diastolicMmHg: 78,
  pulseBpm: 72,
  temperatureC: 36.6,
  hemoglobinGPerL: 140,
};
const noDeferringAnswers = {
  RECENT_COLD_OR_FEVER: false,
  RECENT_TOOTH_EXTRACTION: false,
  RECENT_TATTOO_OR_PIERCING: false,
  RECENT_SURGERY: false,
  PREGNANT_OR_RECENT_BIRTH: false,
  HEPATITIS_HIV_SYPHILIS_HISTORY: false,
  HIGH_RISK_BEHAVIOUR: false,
};

type Kind = 'register' | 'screen' | 'start' | 'complete';
/** The status a first success answers with, per command. */
const SUCCESS: Record<Kind, number> = { register: 201, screen: 201, start: 201, complete: 200 };

interface Attempt {
  kind: Kind;
  path: string;
  token: string;
  key: string;
  body: Record<string, unknown>;
  status: number | null;
  answer: unknown;
}

const tail = (log: string) =>
  existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';

const start = async (env: NodeJS.ProcessEnv, url: string, log: string): Promise<ChildProcess> => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', out, out] });
  closeSync(out);
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start:\n${tail(log)}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /health:\n${tail(log)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

const send = async (url: string, attempt: Pick<Attempt, 'path' | 'token' | 'key' | 'body'>) => {
  const res = await fetch(`${url}${attempt.path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${attempt.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': attempt.key,
    },
    body: JSON.stringify(attempt.body),
  });
  return { status: res.status, answer: (await res.json()) as unknown };
};

const openStore = async (
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<{ store: EventStore; close(): Promise<void> }> => {
  if (STORE === 'sqlite') {
    const store = new SqliteEventStore(openSqliteDatabase(join(dataDir, 'hemotrace.db')));
    return { store, close: () => store.close() };
  }
  const target = resolvePostgresTarget(env.DATABASE_URL!);
  const pool = createPostgresPool(target, 2);
  const store = await PostgresEventStore.open(pool, { schema: target.schema });
  return { store, close: () => pool.end() };
};

const wholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  let checkpoint = LOG_START;
  for (;;) {
    const batch = await store.readAll(checkpoint, 5000);
    if (batch.events.length === 0) return all;
    all.push(...batch.events);
    checkpoint = batch.checkpoint;
  }
};

const describeWithStore =
  STORE === 'sqlite' || process.env.HEMOTRACE_TEST_DATABASE_URL ? describe : describe.skip;

describeWithStore(`kill -9 under load and restart (${STORE})`, () => {
  it('loses no acknowledged command, answers keyed retries with their first result, and verifies clean', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hemotrace-crash-'));
    const log = join(dataDir, 'server.log');
    /* Below the ephemeral range: the server is restarted on this port after kill -9. */
    const { server: port } = await freePortsBelowEphemeral(['server']);
    const url = `http://127.0.0.1:${port}`;
    const databaseUrl = (() => {
      if (STORE !== 'postgres') return undefined;
      const u = new URL(process.env.HEMOTRACE_TEST_DATABASE_URL!);
      u.searchParams.set('schema', `tmp_crash_${randomBytes(5).toString('hex')}`);
      return u.toString();
    })();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      HEMOTRACE_STORE: STORE,
      HEMOTRACE_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      HEMOTRACE_TOKENS: JSON.stringify([
        { token: TOKEN, userId: 'clinic-1', role: 'donor-clinic', siteId: 'BC-1' },
        { token: PHLEBOTOMIST, userId: 'phleb-1', role: 'phlebotomist', siteId: 'BC-1' },
      ]),
      HEMOTRACE_EXPIRY_SWEEP_MS: '0',
      HEMOTRACE_IDEMPOTENCY_LEASE_MS: '500',
      LOG_LEVEL: 'warn',
    };
    let server = await start(env, url, log);
    try {
      const attempts: Attempt[] = [];
      let killed = false;
      let acknowledged = 0;
      /** Sends one keyed command; null when the server died before answering (the worker stops). */
      const attempt = async (fields: Omit<Attempt, 'key' | 'status' | 'answer'>, key: string) => {
        const a: Attempt = {
          ...fields,
          key: `${key}-${randomBytes(3).toString('hex')}`,
          status: null,
          answer: null,
        };
        attempts.push(a);
        try {
          Object.assign(a, await send(url, a));
        } catch {
          return null;
        }
        if (a.status === SUCCESS[a.kind]) acknowledged += 1;
        return a.status === SUCCESS[a.kind] ? a : null;
      };
      const load = Array.from({ length: WORKERS }, async (_, w) => {
        for (let i = 0; !killed && i < 400; i++) {
          const registered = await attempt(
            {
              kind: 'register',
              path: '/api/v1/donors',
              token: TOKEN,
              body: {
                name: `Donor ${w}-${i}`,
                document: {
                  type: 'PASSPORT',
                  number: `C${w}${String(i).padStart(5, '0')}${randomBytes(2).toString('hex')}`,
                },
                birthDate: '1990-05-01',
                sex: i % 2 ? 'F' : 'M',
                contact: {},
              },
            },
            `crash-${w}-${i}-register`,
          );
          // Every other donor goes on to a whole-blood donation.
          if (!registered || killed || i % 2) continue;
          const { donorId } = registered.answer as { donorId: string };
          const screened = await attempt(
            {
              kind: 'screen',
              path: `/api/v1/donors/${donorId}/screenings`,
              token: TOKEN,
              body: { procedure: 'WHOLE_BLOOD', measurements: healthy, answers: noDeferringAnswers },
            },
            `crash-${w}-${i}-screen`,
          );
          if (!screened || killed) continue;
          const din = `A999926${w}${String(i).padStart(5, '0')}`;
          const started = await attempt(
            {
              kind: 'start',
              path: '/api/v1/donations',
              token: PHLEBOTOMIST,
              body: {
                din: `${din}${computeDinCheckCharacter(din)}`,
                donorId,
                procedure: 'WHOLE_BLOOD',
                volumeMl: 400,
                siteId: 'BC-1-BUS-2',
                siteType: 'MOBILE_VEHICLE',
                bagLot: 'BAG-2026-0311',
              },
            },
            `crash-${w}-${i}-start`,
          );
          if (!started || killed) continue;
          await attempt(
            {
              kind: 'complete',
              path: `/api/v1/donations/${din}/completion`,
              token: PHLEBOTOMIST,
              body: { volumeMl: 395, endedAt: new Date().toISOString() },
            },
            `crash-${w}-${i}-complete`,
          );
        }
      });
      const deadline = Date.now() + 10_000;
      while (acknowledged < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      killed = true;
      server.kill('SIGKILL');
      await exited(server);
      await Promise.all(load);
      const acked = attempts.filter((a) => a.status === SUCCESS[a.kind]);
      expect(acked.length).toBeGreaterThanOrEqual(30);
      expect(attempts.filter((a) => a.status !== null && a.status !== SUCCESS[a.kind])).toEqual([]);
      const of = (kind: Kind) => attempts.filter((a) => a.kind === kind);
      // The mix really ran: donations were started and completed before the kill.
      expect(acked.filter((a) => a.kind === 'complete').length).toBeGreaterThan(0);

      if (process.env.HEMOTRACE_CRASH_REPORT) {
        process.stderr.write(
          `crash ${STORE}: ${attempts.length} requests (${(['register', 'screen', 'start', 'complete'] as const).map((k) => `${of(k).length} ${k}`).join(', ')}), ` +
            `${acked.length} acknowledged before kill -9, ${attempts.length - acked.length} in flight (${attempts
              .filter((a) => a.status === null)
              .map((a) => a.kind)
              .join(', ')})\n`,
        );
      }
      server = await start(env, url, log);
      // Keyed retries of every request, acknowledged or in flight, in the order they were first sent.
      for (const a of attempts) {
        const retry = await send(url, a);
        expect({ kind: a.kind, status: retry.status }).toEqual({ kind: a.kind, status: SUCCESS[a.kind] });
        if (a.status !== null) expect(retry.answer).toEqual(a.answer);
        a.answer = retry.answer;
      }
      for (const a of acked.filter((x) => x.kind === 'register')) {
        const { donorId } = a.answer as { donorId: string };
        const res = await fetch(`${url}/api/v1/donors/${donorId}`, {
          headers: { Authorization: `Bearer ${TOKEN}` },
        });
        expect(res.status).toBe(200);
      }

      const opened = await openStore(env, dataDir);
      try {
        const events = await wholeLog(opened.store);
        const registered = events.filter((e) => e.type === 'DonorRegistered');
        const donorIds = new Set(of('register').map((a) => (a.answer as { donorId: string }).donorId));
        expect(registered.length).toBe(of('register').length);
        expect(new Set(registered.map((e) => (e.data as { donorId: string }).donorId))).toEqual(donorIds);
        for (const type of ['DocumentReserved', 'DonorIdentityRecorded']) {
          expect(events.filter((e) => e.type === type)).toHaveLength(of('register').length);
        }
        // Each screening, start and completion exactly once, on the stream of its own donor or DIN.
        expect(events.filter((e) => e.type === 'DonorScreened')).toHaveLength(of('screen').length);
        const dinsOf = (type: string) =>
          events
            .filter((e) => e.type === type)
            .map((e) => e.streamId)
            .sort();
        const startedDins = of('start')
          .map((a) => `Donation-${(a.answer as { din: string }).din}`)
          .sort();
        expect(dinsOf('DonationStarted')).toEqual(startedDins);
        expect(dinsOf('DonationCompleted')).toEqual(
          of('complete')
            .map((a) => `Donation-${a.path.split('/')[4]}`)
            .sort(),
        );
        expect(events.filter((e) => e.type === 'DonationAborted')).toEqual([]);
      } finally {
        await opened.close();
      }

      const verify = spawnSync(process.execPath, [CLI, 'verify'], { cwd: ROOT, env, encoding: 'utf8' });
      expect({
        status: verify.status,
        out: verify.stdout.slice(-500),
        err: verify.stderr.slice(-500),
      }).toMatchObject({
        status: 0,
      });
    } finally {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 8000);
      await exited(server);
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
