import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { LineageNode } from '@hemotrace/traceability';
import { openSqliteDatabase, SqliteEventStore, SqliteReadModelStore } from '@hemotrace/event-sourcing';
import { LINEAGE } from '@hemotrace/traceability/tooling';
import { DemoDataGenerator, RawSqliteEventWriter } from '../../apps/cli/src/demo';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, median, now, percentile, progress, rounded } from './bench';

const GROUP = 'ui';
/* Runs from dist/bench/src: the server and the workbench build sit beside it in dist/. */
const DIST = resolve(__dirname, '../..');
const MAIN = join(DIST, 'apps/hemotrace/src/main.js');
const WEB = join(DIST, 'web');
const CHROMIUM = process.env.HEMOTRACE_CHROMIUM ?? '/usr/bin/chromium';
const TOKEN = 'bench-ui-auditor-token-0001';
const EVENTS_PER_DONATION = 26;

export const skipReason = (): string | null => {
  if (!existsSync(MAIN) || !existsSync(join(WEB, 'index.html')))
    return 'the server or the workbench is not built; run npm run build';
  if (!existsSync(CHROMIUM)) return `no chromium at ${CHROMIUM} (bash infra/chromium/install.sh)`;
  return null;
};

/** Generated once per size with the demo generator and raw inserts; the server's read models stay in it. */
const generatedStore = (target: number, seed: number): string => {
  const dir = join(tmpdir(), `hemotrace-bench-ui-${target}-${seed}-v1`);
  if (existsSync(join(dir, 'generated.json'))) {
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
  });
  const writer = new RawSqliteEventWriter(db);
  let planned = 0;
  for (const event of generator.events()) {
    if (planned >= target) break;
    writer.write(event);
    planned += 1;
  }
  writer.flush();
  db.close();
  writeFileSync(join(dir, 'generated.json'), JSON.stringify({ events: writer.written }));
  progress(`generated ${writer.written} events`);
  return dir;
};

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });

const bundleRows = (): BenchRow[] => {
  const assets = join(WEB, 'assets');
  const files = readdirSync(assets).map((f) => join(assets, f));
  const js = files.filter((f) => f.endsWith('.js'));
  const raw = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
  const jsGzip = js.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
  return [
    {
      group: GROUP,
      name: 'bundle size (dist/web/assets)',
      value: rounded(raw / 1024, 1),
      unit: 'KiB',
      note: `${files.length} files`,
    },
    {
      group: GROUP,
      name: 'bundle size gzip',
      value: rounded(gzip / 1024, 1),
      unit: 'KiB',
      note: `JavaScript ${rounded(jsGzip / 1024, 1)} KiB`,
    },
  ];
};

export const run = async (): Promise<BenchRow[]> => {
  const target = envInt('BENCH_UI_EVENTS', 1_000_000);
  const seed = envInt('BENCH_UI_SEED', 20260101);
  const samples = envInt('BENCH_UI_QUERIES', 50);
  const paints = envInt('BENCH_UI_PAINTS', 5);
  const rows = bundleRows();
  const dir = generatedStore(target, seed);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = now();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      HEMOTRACE_STORE: 'sqlite',
      HEMOTRACE_DATA_DIR: dir,
      HEMOTRACE_TOKENS: JSON.stringify([
        { token: TOKEN, userId: 'bench', role: 'quality-auditor', siteId: 'BC-1' },
      ]),
      HEMOTRACE_EXPIRY_SWEEP_MS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${tail}`);
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(500);
    }
    rows.push({
      group: GROUP,
      name: 'server start to first /health',
      value: rounded(elapsedMs(started) / 1000, 1),
      unit: 's',
      note: 'projections catch up with the log first (a second run reuses them)',
    });
    const db = openSqliteDatabase(join(dir, 'hemotrace.db'));
    const readModels = new SqliteReadModelStore(db);
    const total = await readModels.count(LINEAGE.nodes, { kind: 'unit' });
    const events = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
    const units: string[] = [];
    let x = seed;
    for (let i = 0; i < samples && total > 0; i += 1) {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      const [node] = await readModels.find<LineageNode>(
        LINEAGE.nodes,
        { kind: 'unit' },
        { limit: 1, offset: x % total },
      );
      if (node) units.push(node.key);
    }
    db.close();
    const size = `store of ${events} events, ${total} units`;
    const latencies: number[] = [];
    for (const unit of units) {
      const t = now();
      const response = await fetch(`${url}/api/v1/trace/units/${unit}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`trace of ${unit}: ${response.status}`);
      latencies.push(elapsedMs(t));
    }
    rows.push(
      {
        group: GROUP,
        name: 'GET /trace/units/{id} (timeline data) p50',
        value: rounded(median(latencies), 1),
        unit: 'ms',
        note: size,
      },
      {
        group: GROUP,
        name: 'GET /trace/units/{id} p99',
        value: rounded(percentile(latencies, 99), 1),
        unit: 'ms',
        note: `${latencies.length} requests over HTTP`,
      },
    );

    const profile = mkdtempSync(join(tmpdir(), 'hemotrace-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      await context.addInitScript(`sessionStorage.setItem('hemotrace.token', ${JSON.stringify(TOKEN)})`);
      const firstPaints: number[] = [];
      const timelines: number[] = [];
      for (const [i, unit] of units.slice(0, paints + 1).entries()) {
        const page = await context.newPage();
        const t = now();
        await page.goto(`${url}/ui/units/${unit}`);
        await page.waitForSelector('[data-testid=verdict]');
        const rendered = elapsedMs(t);
        const fcp = (await page.evaluate(
          `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`,
        )) as number;
        await page.close();
        /* The first load warms the browser's cache and the server's statements. */
        if (i === 0) continue;
        firstPaints.push(fcp);
        timelines.push(rendered);
      }
      rows.push(
        {
          group: GROUP,
          name: 'first contentful paint of /ui/units/{id}',
          value: rounded(median(firstPaints), 1),
          unit: 'ms',
          note: `median of ${firstPaints.length}, headless chromium`,
        },
        {
          group: GROUP,
          name: '/ui/units/{id} until the timeline is drawn',
          value: rounded(median(timelines), 1),
          unit: 'ms',
          note: 'navigation to integrity verdict on screen',
        },
      );
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    return rows;
  } finally {
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
};
