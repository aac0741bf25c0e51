import { rmSync } from 'node:fs';
import type { EventStore } from '@hemotrace/event-sourcing';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import { loadConfig, openStores } from '@hemotrace/platform';
import { demoDataDir } from './support/demo-store';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find(
      (l) =>
        (l.startsWith(`${name} `) || l.startsWith(`${name}{`)) && wanted.every((pair) => l.includes(pair)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('operations: /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts HTTP latency by route and commands by outcome, and reports lag, store size, dead letters and readiness', async () => {
    await t.as('phlebotomist').post('/api/v1/donations').send({ din: 'nope' }).expect(400);
    await t.as('laboratory').post('/api/v1/donations').send({}).expect(403);
    await t.as('quality-auditor').get('/api/v1/integrity').expect(200);
    const response = await t.anonymous().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = response.text;
    expect(
      sample(text, 'hemotrace_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/donations',
        status: '400',
      }),
    ).toBe(1);
    expect(
      sample(text, 'hemotrace_commands_total', { command: 'POST /api/v1/donations', outcome: 'invalid' }),
    ).toBe(1);
    expect(
      sample(text, 'hemotrace_commands_total', { command: 'POST /api/v1/donations', outcome: 'denied' }),
    ).toBe(1);
    expect(
      sample(text, 'hemotrace_http_request_duration_seconds_count', {
        route: '/api/v1/integrity',
        status: '200',
      }),
    ).toBe(1);
    const names = t.app.get(ProjectionRunner).names;
    expect(names.length).toBeGreaterThan(5);
    for (const projection of names) {
      expect(sample(text, 'hemotrace_projection_lag_events', { projection })).toBe(0);
    }
    if (t.config.store === 'sqlite') expect(sample(text, 'hemotrace_store_bytes')).toBeGreaterThan(0);
    else expect(sample(text, 'hemotrace_store_bytes')).toBe(0);
    expect(sample(text, 'hemotrace_dead_letters')).toBe(0);
    expect(sample(text, 'hemotrace_ready')).toBe(1);
  });
});

describe('operations: readiness while the projections catch up', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = (await demoDataDir(60)).dir;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers at once: live, not ready, with the lag shown; ready once the read models have caught up', async () => {
    const env = { HEMOTRACE_DATA_DIR: dir, HEMOTRACE_EXPIRY_SWEEP_MS: '0' };
    const real = await openStores(
      loadConfig({ ...process.env, NODE_ENV: 'test', HEMOTRACE_STORE: 'sqlite', ...env }),
    );
    /* The projection runner reads the log in batches of 1000: holding those back keeps it behind until the test lets go. */
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const readAll: EventStore['readAll'] = async (after, limit, options) => {
      if (limit === 1000) await gate;
      return real.events.readAll(after, limit, options);
    };
    const events = new Proxy(real.events, {
      get: (target, property) => {
        if (property === 'readAll') return readAll;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const started = Date.now();
    t = await startTestApp({
      store: 'sqlite',
      env,
      platform: { catchUpInBackground: true, stores: { ...real, events } },
    });
    const lagging = (await t.anonymous().get('/metrics').expect(200)).text;
    expect(sample(lagging, 'hemotrace_ready')).toBe(0);
    const behind = t.app
      .get(ProjectionRunner)
      .names.map((projection) => sample(lagging, 'hemotrace_projection_lag_events', { projection }) ?? 0);
    expect(Math.max(...behind)).toBeGreaterThan(0);

    const notReady = await t.anonymous().get('/health/ready').expect(503);
    expect(notReady.body).toMatchObject({
      status: 'error',
      error: { projections: { status: 'down', caughtUp: false } },
    });
    await t.anonymous().get('/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    expect((await t.anonymous().get('/health').expect(200)).body).toMatchObject({
      status: 'ok',
      ready: false,
    });
    letGo();
    const ready = await eventually(() => t.anonymous().get('/health/ready').expect(200), 120_000);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { store: { status: 'up' }, projections: { status: 'up' } },
    });
    expect((await t.anonymous().get('/health').expect(200)).body.ready).toBe(true);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);
});
