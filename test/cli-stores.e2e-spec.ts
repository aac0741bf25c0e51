import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { canonicalJson, postgresTestUrl } from '@hemotrace/event-sourcing';
import type { Run } from './support/built-cli';
import { hemotrace } from './support/built-cli';

/**
 * Issue 17: every CLI command takes the same --dir and works on every store the server supports,
 * through the built entry point. A demo loaded into a SQLite --dir is copied to PostgreSQL; then
 * the same commands, told the store the way the server is (HEMOTRACE_STORE, DATABASE_URL), must
 * tell the same story there.
 */
jest.setTimeout(180_000);
/* It names its stores itself: the HTTP journeys' second pass on PostgreSQL would only repeat it. */
const describeOnce = process.env.HEMOTRACE_TEST_STORE === 'postgres' ? describe.skip : describe;

const ok = (run: Run): string => {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
};

/** Each store returns documents in its own order: compare what the lineage holds, not the order. */
const sameOrder = (lineage: object): object =>
  Object.fromEntries(
    Object.entries(lineage).map(([key, value]) => [
      key,
      Array.isArray(value) ? [...value].map((v) => canonicalJson(v)).sort() : value,
    ]),
  );

interface TraceJson {
  subject: { id: string };
  lineage: { donors: string[]; donations: string[]; units: string[] };
  events: { eventId: string }[];
  integrity: { ok: boolean };
}

describeOnce('the CLI on a SQLite --dir', () => {
  let dir: string;
  let unitId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-cli-dir-'));
    const demo = ok(await hemotrace(['demo', '--donations', '12', '--seed', '7', '--dir', dir]));
    unitId = /hemotrace trace (\S+)/.exec(demo)![1];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('traces, labels, rebuilds, verifies and audits the data directory it is given', async () => {
    const trace = JSON.parse(ok(await hemotrace(['trace', unitId, '--json', '--dir', dir]))) as TraceJson;
    expect(trace.subject.id).toBe(unitId);
    expect(trace.lineage.units).toContain(unitId);
    expect(trace.integrity.ok).toBe(true);

    const label = JSON.parse(ok(await hemotrace(['label', unitId, '--json', '--dir', dir]))) as {
      unitId: string;
    };
    expect(label.unitId).toBe(unitId);

    expect(ok(await hemotrace(['rebuild', 'bus:traceability.lineage-graph.v3', '--dir', dir]))).toMatch(
      /bus:traceability\.lineage-graph\.v3: \d+ events in/,
    );
    const retraced = JSON.parse(ok(await hemotrace(['trace', unitId, '--json', '--dir', dir]))) as TraceJson;
    expect(retraced).toEqual(trace);
    expect(ok(await hemotrace(['verify', '--dir', dir]))).toContain(', 0 findings;');
    expect(ok(await hemotrace(['audit-consistency', '--dir', dir]))).toMatch(/events audited, 0 findings/);
    expect(ok(await hemotrace(['dead-letters', 'list', '--dir', dir]))).toContain('no dead letters');
  });

  it('refuses PostgreSQL without DATABASE_URL in the CLI too, before opening anything', async () => {
    const dataDir = join(dir, 'not-made');
    const run = await hemotrace(['rebuild', '--dir', dataDir], { HEMOTRACE_STORE: 'postgres' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Invalid configuration:\n  DATABASE_URL (unset): is required when HEMOTRACE_STORE=postgres\n',
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says there is no store in a directory that holds none', async () => {
    const empty = join(dir, 'nothing-here');
    const run = await hemotrace(['rebuild', '--dir', empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No store at ${join(empty, 'hemotrace.db')}`);
    expect(existsSync(empty)).toBe(false);
  });
});

const url = postgresTestUrl('hemotrace CLI on PostgreSQL');

(url ? describeOnce : describe.skip)('the CLI on PostgreSQL, told the store like the server', () => {
  let dir: string;
  let unitId: string;
  let schemaUrl: string;
  let pool: Pool;
  const schema = `cli_${randomBytes(6).toString('hex')}`;
  let env: NodeJS.ProcessEnv;
  let sqliteTrace: TraceJson;
  let sqliteLabel: object;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-cli-pg-'));
    const demo = ok(await hemotrace(['demo', '--donations', '12', '--seed', '11', '--dir', dir]));
    unitId = /hemotrace trace (\S+)/.exec(demo)![1];
    sqliteTrace = JSON.parse(ok(await hemotrace(['trace', unitId, '--json', '--dir', dir]))) as TraceJson;
    const withSchema = new URL(url!);
    withSchema.searchParams.set('schema', schema);
    schemaUrl = withSchema.toString();
    pool = new Pool({ connectionString: url });
    ok(
      await hemotrace(['copy', '--from', 'sqlite', '--dir', dir, '--to', 'postgres', '--to-url', schemaUrl]),
    );
    sqliteLabel = JSON.parse(ok(await hemotrace(['label', unitId, '--json', '--dir', dir]))) as object;
    /* The keys and checkpoint stay in the data directory; the store is PostgreSQL alone. */
    for (const file of readdirSync(dir).filter((f) => f.startsWith('hemotrace.db'))) rmSync(join(dir, file));
    env = { HEMOTRACE_STORE: 'postgres', DATABASE_URL: schemaUrl, HEMOTRACE_DATA_DIR: dir };
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema}_demo CASCADE`);
    await pool?.end();
  });

  it('rebuilds every traceability projection from the PostgreSQL log', async () => {
    const out = ok(await hemotrace(['rebuild'], env));
    const [events] = await pool
      .query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.events`)
      .then((r) => r.rows.map((row) => Number(row.n)));
    expect(out).toContain(`traceability.lineage-streams.v3: ${events} events in`);
    expect(out).toContain(`bus:traceability.lineage-graph.v3: ${events} events in`);
    const checkpoints = await pool.query<{ projection: string }>(
      `SELECT projection FROM ${schema}.projection_checkpoints WHERE projection LIKE 'traceability.%'`,
    );
    expect(checkpoints.rows.map((r) => r.projection)).toContain('traceability.lineage-streams.v3');
    const documents = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.read_models`);
    expect(Number(documents.rows[0].n)).toBeGreaterThan(0);
  });

  it('traces the unit there to the same lineage and events as on SQLite', async () => {
    const trace = JSON.parse(ok(await hemotrace(['trace', unitId, '--json'], env))) as TraceJson;
    expect(sameOrder(trace.lineage)).toEqual(sameOrder(sqliteTrace.lineage));
    expect(trace.events.map((e) => e.eventId)).toEqual(sqliteTrace.events.map((e) => e.eventId));
    expect(trace.integrity.ok).toBe(true);
  });

  it('labels, verifies and audits the PostgreSQL store, and --store/--url say the same as the environment', async () => {
    const fromEnv = JSON.parse(ok(await hemotrace(['label', unitId, '--json'], env))) as { unitId: string };
    const fromFlags = JSON.parse(
      ok(
        await hemotrace(['label', unitId, '--json', '--store', 'postgres', '--url', schemaUrl, '--dir', dir]),
      ),
    ) as { unitId: string };
    expect(fromEnv).toEqual(sqliteLabel);
    expect(fromFlags).toEqual(sqliteLabel);
    expect(ok(await hemotrace(['verify'], env))).toMatch(
      new RegExp(`^postgres .*schema ${schema}: .*, 0 findings;`),
    );
    expect(ok(await hemotrace(['audit-consistency'], env))).toMatch(/events audited, 0 findings/);
  });
  it('loads the demo straight into PostgreSQL, telling the same story as on SQLite', async () => {
    const demoUrl = new URL(url!);
    demoUrl.searchParams.set('schema', `${schema}_demo`);
    const keys = mkdtempSync(join(tmpdir(), 'hemotrace-cli-pg-demo-'));
    try {
      const pgEnv = { HEMOTRACE_STORE: 'postgres', DATABASE_URL: demoUrl.toString() };
      const demo = ok(await hemotrace(['demo', '--donations', '12', '--seed', '11', '--dir', keys], pgEnv));
      expect(demo).toContain(`hemotrace trace ${unitId}`);
      expect(demo).toMatch(new RegExp(`in postgres .*schema ${schema}_demo`));
      const trace = JSON.parse(
        ok(await hemotrace(['trace', unitId, '--json', '--dir', keys], pgEnv)),
      ) as TraceJson;
      for (const ids of ['donors', 'donations', 'units'] as const)
        expect([...trace.lineage[ids]].sort()).toEqual([...sqliteTrace.lineage[ids]].sort());
      expect(trace.events.length).toBe(sqliteTrace.events.length);
      expect(trace.integrity.ok).toBe(true);
      const again = await hemotrace(['demo', '--donations', '12', '--dir', keys], pgEnv);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already holds events');
    } finally {
      rmSync(keys, { recursive: true, force: true });
    }
  });
});
