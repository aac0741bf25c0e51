import { InvalidConfiguration, loadConfig } from '@hemotrace/platform';
import { serviceConfig } from './context-service';

describe("a context service's read-side schema", () => {
  const postgres = (env: NodeJS.ProcessEnv = {}) =>
    loadConfig({
      HEMOTRACE_STORE: 'postgres',
      DATABASE_URL: 'postgres://h@127.0.0.1:5432/hemotrace',
      ...env,
    });

  it('is <store schema>_<context> by default, the store schema coming from the URL or HEMOTRACE_PG_SCHEMA', () => {
    expect(serviceConfig(postgres(), 'collection').readModelSchema).toBe('public_collection');
    expect(serviceConfig(postgres({ HEMOTRACE_PG_SCHEMA: 'blood' }), 'donors').readModelSchema).toBe(
      'blood_donors',
    );
    const url = 'postgres://h@127.0.0.1:5432/hemotrace?schema=site_a';
    expect(serviceConfig(postgres({ DATABASE_URL: url }), 'distribution').readModelSchema).toBe(
      'site_a_distribution',
    );
  });

  it('is the one HEMOTRACE_READ_MODEL_SCHEMA names, when it names one', () => {
    const config = postgres({ HEMOTRACE_READ_MODEL_SCHEMA: 'shared_reads' });
    expect(serviceConfig(config, 'collection').readModelSchema).toBe('shared_reads');
  });

  it("is never the store schema: the service's copies would share the owners' collections", () => {
    const config = postgres({ HEMOTRACE_PG_SCHEMA: 'blood', HEMOTRACE_READ_MODEL_SCHEMA: 'blood' });
    expect(() => serviceConfig(config, 'collection')).toThrow(InvalidConfiguration);
    expect(() => serviceConfig(config, 'collection')).toThrow(/HEMOTRACE_READ_MODEL_SCHEMA/);
  });

  it('is not set without PostgreSQL (SQLite keeps everything in its file)', () => {
    expect(serviceConfig(loadConfig({}), 'collection').readModelSchema).toBeUndefined();
  });

  it('is not set for the all-in-one server, which does not go through serviceConfig', () => {
    expect(postgres().readModelSchema).toBeUndefined();
  });
});
