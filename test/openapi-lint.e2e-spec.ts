import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

interface SpectralResult {
  code: string;
  message: string;
  severity: number;
  path: string[];
}

describe('the OpenAPI document under Spectral', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("has 0 errors under Spectral's OpenAPI ruleset (.spectral.yaml)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, (await t.anonymous().get('/api/docs-json').expect(200)).text);
      const run = spawnSync(
        'node_modules/.bin/spectral',
        ['lint', file, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'],
        { encoding: 'utf8', timeout: 120_000 },
      );
      const results = JSON.parse(run.stdout || '[]') as SpectralResult[];
      const errors = results
        .filter((r) => r.severity === 0)
        .map((r) => `${r.code} ${r.path.join('.')}: ${r.message}`);
      expect(errors).toEqual([]);
      expect(results.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
