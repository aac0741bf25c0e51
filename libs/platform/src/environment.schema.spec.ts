import { documentedVariables, InvalidConfiguration, validateEnvironment } from './environment.schema';
import { loadConfig } from './config';

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    validateEnvironment(env);
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
};

describe('the environment schema', () => {
  it('applies every default when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.store).toBe('sqlite');
    expect(config.bus).toBe('in-process');
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.settings.HEMOTRACE_EXPIRY_SWEEP_MS).toBe(60_000);
    expect(config.logLevel).toBe('info');
  });

  it('types numbers and keeps the values given', () => {
    const settings = validateEnvironment({
      PORT: '8080',
      HEMOTRACE_EXPIRY_SWEEP_MS: '0',
      KAFKA_BROKERS: 'a:1, b:2',
    });
    expect(settings.PORT).toBe(8080);
    expect(settings.HEMOTRACE_EXPIRY_SWEEP_MS).toBe(0);
    expect(loadConfig({ KAFKA_BROKERS: 'a:1, b:2' }).kafkaBrokers).toEqual(['a:1', 'b:2']);
  });

  it('counts an empty value as unset', () => {
    expect(validateEnvironment({ HEMOTRACE_TOKENS_FILE: '', PORT: '' }).PORT).toBe(3000);
  });

  it('names an unknown store with the allowed values', () => {
    expect(problemsOf({ HEMOTRACE_STORE: 'mysql' })).toEqual([
      'HEMOTRACE_STORE=mysql: must be one of the following values: sqlite, postgres, kurrentdb, memory',
    ]);
  });

  it('refuses a port that is not a number, and says what a port is', () => {
    const [problem] = problemsOf({ PORT: 'eighty' });
    expect(problem).toMatch(/^PORT=eighty: /);
    expect(problem).toContain('must be an integer number');
  });

  it('needs DATABASE_URL for the PostgreSQL store', () => {
    expect(problemsOf({ HEMOTRACE_STORE: 'postgres' })).toEqual([
      'DATABASE_URL (unset): is required when HEMOTRACE_STORE=postgres',
    ]);
  });

  it('reports every wrong value at once', () => {
    expect(problemsOf({ HEMOTRACE_BUS: 'rabbit', HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS: '100' })).toEqual([
      'HEMOTRACE_BUS=rabbit: must be one of the following values: in-process, kafka',
      'HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS=100: must not be less than 6000',
    ]);
  });

  it('documents every variable with a default and a meaning', () => {
    const variables = documentedVariables();
    expect(variables.map((v) => v.name)).toEqual(expect.arrayContaining(['PORT', 'HEMOTRACE_STORE']));
    for (const v of variables) {
      expect(v.meaning).not.toBe('');
      expect(v.default).not.toBe('');
    }
    expect(variables.find((v) => v.name === 'PORT')?.default).toBe('`3000`');
    expect(variables.find((v) => v.name === 'DATABASE_URL')?.default).toBe('none');
  });
});
