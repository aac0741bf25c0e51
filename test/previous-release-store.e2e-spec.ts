import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import { startTestApp } from './support/test-app';

const FIXTURE = join(__dirname, 'fixtures', 'previous-release-store');

interface RecordedAnswer {
  url: string;
  status: number;
  sha256: string;
}

/**
 * `hemotrace.db.gz`: the demo dataset (12 donations) after a server of the previous release (70ca1be:
 * every read model in one `read_models` table, cross-context read models following the log) had
 * caught up on it; `answers.json`: what that server answered to these trace, lookback and recall
 * requests, as SHA-256 of the JSON bodies.
 */
const answers = JSON.parse(readFileSync(join(FIXTURE, 'answers.json'), 'utf8')) as RecordedAnswer[];

const inspect = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    const one = <T>(sql: string) => db.prepare<[], T>(sql).get()!;
    return {
      readModels: one<{ type: string }>(`SELECT type FROM sqlite_master WHERE name = 'read_models'`).type,
      events: one<{ n: number; last: string }>('SELECT count(*) AS n, max(hash) AS last FROM events'),
      checkpoints: db
        .prepare<[], { projection: string }>(
          'SELECT projection FROM projection_checkpoints ORDER BY projection',
        )
        .all()
        .map((r) => r.projection),
    };
  } finally {
    db.close();
  }
};

describe('a store written by the previous release, opened by this version', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-previous-release-'));
    writeFileSync(join(dir, 'hemotrace.db'), gunzipSync(readFileSync(join(FIXTURE, 'hemotrace.db.gz'))));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves its read models to a table per collection, refolds the contract projections, and answers every trace exactly as before', async () => {
    const before = inspect(join(dir, 'hemotrace.db'));
    expect(before.readModels).toBe('table');
    expect(before.checkpoints).toContain('traceability.lineage.v2');
    expect(before.checkpoints.filter((p) => p.startsWith('bus:'))).toEqual([]);

    const t = await startTestApp({
      store: 'sqlite',
      env: { HEMOTRACE_DATA_DIR: dir, HEMOTRACE_EXPIRY_SWEEP_MS: '0' },
    });
    try {
      await t.app.get(ProjectionRunner).catchUp();
      for (const { url, status, sha256 } of answers) {
        const res = await t.as('quality-auditor').get(url);
        expect({ url, status: res.status }).toEqual({ url, status });
        expect({ url, sha256: createHash('sha256').update(JSON.stringify(res.body)).digest('hex') }).toEqual({
          url,
          sha256,
        });
      }
    } finally {
      await t.app.close();
    }

    const after = inspect(join(dir, 'hemotrace.db'));
    expect(after.events).toEqual(before.events);
    expect(after.readModels).toBe('view');
    expect(after.checkpoints).toEqual(expect.arrayContaining(before.checkpoints));
    expect(after.checkpoints).toContain('traceability.lineage-streams.v3');
    expect(after.checkpoints.filter((p) => p.startsWith('bus:'))).toEqual(
      expect.arrayContaining([
        'bus:components-donation-facts',
        'bus:donors.donation-history',
        'bus:traceability.conformance',
        'bus:traceability.lineage-graph.v3',
        'bus:traceability.quality-counters.v2',
        'bus:transfusion-hospital-stock',
      ]),
    );
  }, 120_000);
});
