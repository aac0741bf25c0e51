import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsJSON,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  Matches,
  Max,
  Min,
  validateSync,
  ValidateIf,
} from 'class-validator';

export interface VariableDoc {
  /** Shown in the README's default column; without it the initializer's value, or `none`. */
  default?: string;
  meaning: string;
}

const DOCS = new Map<string, VariableDoc>();

/** Declares an environment variable: what it means (the README row comes from here). */
const Env =
  (meaning: string, options: { default?: string } = {}): PropertyDecorator =>
  (_target, property) => {
    DOCS.set(String(property), { meaning, ...options });
  };

const STORES = ['sqlite', 'postgres', 'kurrentdb', 'memory'] as const;
const BUSES = ['in-process', 'kafka'] as const;
const PROFILES = ['CN-2019', 'US-FDA', 'EU'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the server, the services and the CLI read: one property each, with
 * its type, default, allowed values and meaning. Adding a variable is adding one property here
 * (and its README row, which test/readme-configuration.e2e-spec.ts prints when it is missing).
 * Validated with class-validator, the way @nestjs/config's `validate` recommends.
 */
export class Environment {
  @Env('HTTP port')
  @Type(() => Number)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT: number = 3000;

  @Env('listen address')
  @IsNotEmpty()
  HOST: string = '127.0.0.1';

  @Env(
    'where the SQLite store, the dev token, the log signing keys and the checkpoint file live (created on first start); the CLI takes it as `--dir`',
  )
  @IsNotEmpty()
  HEMOTRACE_DATA_DIR: string = './data';

  @Env(
    'the event store; `postgres` needs `DATABASE_URL`, `kurrentdb` needs `KURRENTDB_CONNECTION_STRING`; the CLI takes it as `--store`',
  )
  @IsIn(STORES)
  HEMOTRACE_STORE: (typeof STORES)[number] = 'sqlite';

  @Env('PostgreSQL connection URL for `HEMOTRACE_STORE=postgres`; `?schema=` picks the schema')
  @ValidateIf((env: Environment) => env.HEMOTRACE_STORE === 'postgres' || env.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  @IsNotEmpty({ message: 'DATABASE_URL is required when HEMOTRACE_STORE=postgres' })
  DATABASE_URL?: string;

  @Env('PostgreSQL schema when `DATABASE_URL` names none')
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'HEMOTRACE_PG_SCHEMA must be an SQL identifier' })
  HEMOTRACE_PG_SCHEMA: string = 'public';

  @Env(
    'PostgreSQL schema of the read side (read models, checkpoints, processed messages, dead letters); the log stays in the store schema',
    { default: 'the store schema (all-in-one server); `<store schema>_<context>` in a context service' },
  )
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'HEMOTRACE_READ_MODEL_SCHEMA must be a lower-case SQL identifier of at most 63 characters',
  })
  HEMOTRACE_READ_MODEL_SCHEMA?: string;

  @Env('PostgreSQL connections per process')
  @Type(() => Number)
  @Min(1)
  @IsInt()
  HEMOTRACE_PG_POOL_SIZE: number = 10;

  @Env('KurrentDB connection string for `HEMOTRACE_STORE=kurrentdb` (and the KurrentDB contract suite)')
  @ValidateIf((env: Environment) => env.HEMOTRACE_STORE === 'kurrentdb')
  @IsNotEmpty({ message: 'KURRENTDB_CONNECTION_STRING is required when HEMOTRACE_STORE=kurrentdb' })
  KURRENTDB_CONNECTION_STRING?: string;

  @Env('tests only: `unsupported` when the KurrentDB server cannot append to several streams atomically')
  @IsIn(['supported', 'unsupported'])
  KURRENTDB_MULTI_STREAM_APPEND: 'supported' | 'unsupported' = 'supported';

  @Env('streams whose decided state the command executor keeps in memory')
  @Type(() => Number)
  @Min(0)
  @IsInt()
  HEMOTRACE_STREAM_CACHE_SIZE: number = 10_000;

  @Env('`kafka` publishes through the log relay and consumes from Kafka (distributed mode)')
  @IsIn(BUSES)
  HEMOTRACE_BUS: (typeof BUSES)[number] = 'in-process';

  @Env('comma-separated broker list (`host:port,...`) for `HEMOTRACE_BUS=kafka`')
  @Matches(/^\s*[^\s,:]+:\d+\s*(,\s*[^\s,:]+:\d+\s*)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @Env('prefix of every Kafka topic (letters, digits, `.`, `_`, `-`), so runs and tenants can share a broker')
  @Matches(/^\s*[A-Za-z0-9._-]+\s*$/, {
    message: "HEMOTRACE_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-'",
  })
  HEMOTRACE_TOPIC_PREFIX: string = 'hemotrace';

  @Env('how long a consumer group waits for a silent member (at least `6000`)')
  @Type(() => Number)
  @Min(6000)
  @IsInt()
  HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS: number = 30_000;

  @Env('bearer tokens in a file: a JSON array of `{token, userId, role, siteId}`', {
    default: 'none (a dev admin token is made)',
  })
  @IsOptional()
  HEMOTRACE_TOKENS_FILE?: string;

  @Env('bearer tokens inline, as in `HEMOTRACE_TOKENS_FILE`', {
    default: 'none (a dev admin token is made)',
  })
  @IsOptional()
  @IsJSON({ message: 'HEMOTRACE_TOKENS must be JSON (an array of {token, userId, role, siteId})' })
  HEMOTRACE_TOKENS?: string;

  @Env('regulatory profile')
  @IsIn(PROFILES)
  HEMOTRACE_PROFILE: (typeof PROFILES)[number] = 'CN-2019';

  @Env('largest accepted request body (bytes, or with `b`, `kb`, `mb`)')
  @Matches(/^\d+(b|kb|mb|gb)?$/i, { message: 'HEMOTRACE_BODY_LIMIT must be a size such as 256kb or 1mb' })
  HEMOTRACE_BODY_LIMIT: string = '256kb';

  @Env(
    'milliseconds between automatic expiry sweeps (`UnitExpired` for every in-stock unit past its expiry); `0` turns it off',
  )
  @Type(() => Number)
  @Min(0)
  @IsInt()
  HEMOTRACE_EXPIRY_SWEEP_MS: number = 60_000;

  @Env('how long an `Idempotency-Key` and its answer are kept')
  @Type(() => Number)
  @IsPositive()
  HEMOTRACE_IDEMPOTENCY_TTL_HOURS: number = 24;

  @Env(
    "how long a request under a key may run before a retry takes over (a crashed process never answers); the command's own append still deduplicates by the key",
  )
  @Type(() => Number)
  @Min(1)
  @IsInt()
  HEMOTRACE_IDEMPOTENCY_LEASE_MS: number = 30_000;

  @Env('milliseconds between signed log checkpoints; `0` = only on demand')
  @Type(() => Number)
  @Min(0)
  @IsInt()
  HEMOTRACE_CHECKPOINT_INTERVAL_MS: number = 60_000;

  @Env(
    "how long an integrity check waits for this process's own latest appends to become readable in the log (PostgreSQL holds back rows above the oldest running transaction); past it the check reports `LOG_NOT_COVERED` instead of ok",
  )
  @Type(() => Number)
  @Min(0)
  @IsInt()
  HEMOTRACE_INTEGRITY_WAIT_MS: number = 10_000;

  @Env('where the latest signed checkpoint is written (server, `checkpoint`, `rebuild`)', {
    default: '`<data dir>/checkpoint.txt`',
  })
  @IsOptional()
  HEMOTRACE_CHECKPOINT_FILE?: string;

  @Env('Ed25519 private key, PKCS#8 PEM', {
    default: '`<data dir>/log-signing-key.pem` (a development key is generated and printed when unset)',
  })
  @IsOptional()
  HEMOTRACE_LOG_SIGNING_KEY_FILE?: string;

  @Env(
    'verifier keys, current and retired (`name+keyid+base64`), one per line; the current key is added on start, none is removed, so old checkpoints still verify after a rotation',
    { default: '`<data dir>/log-keyring.txt`' },
  )
  @IsOptional()
  HEMOTRACE_LOG_KEYRING_FILE?: string;

  @Env('the current public key, for auditors (`verify-export --key`)', {
    default: '`<data dir>/log-public-key.pem`',
  })
  @IsOptional()
  HEMOTRACE_LOG_PUBLIC_KEY_FILE?: string;

  @Env('checkpoint origin line')
  @Matches(/^[^\s]+$/, { message: 'HEMOTRACE_LOG_ORIGIN must be one word without spaces' })
  HEMOTRACE_LOG_ORIGIN: string = 'hemotrace.local/log';

  @Env('signing key name', { default: 'the origin' })
  @IsOptional()
  @Matches(/^[^\s+]+$/, { message: "HEMOTRACE_LOG_KEY_NAME must have no spaces and no '+'" })
  HEMOTRACE_LOG_KEY_NAME?: string;

  @Env(
    '`otlp` exports OpenTelemetry traces over OTLP/HTTP (JSON): a span per HTTP request, command, store append, Kafka publish and consume ([Tracing](#tracing-opentelemetry)); `none`: no SDK is started',
    { default: '`none`' },
  )
  @IsOptional()
  @IsIn(['none', 'otlp'])
  HEMOTRACE_OTEL_EXPORTER?: 'none' | 'otlp';

  @Env('the standard name of `HEMOTRACE_OTEL_EXPORTER`, read when that one is unset', { default: '`none`' })
  @IsOptional()
  @IsIn(['none', 'otlp'])
  OTEL_TRACES_EXPORTER?: 'none' | 'otlp';

  @Env('base URL of the OTLP/HTTP receiver; traces go to `<it>/v1/traces`', {
    default: '`http://localhost:4318`',
  })
  @IsOptional()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @Env("full URL for traces, when it is not the base URL's `/v1/traces`", {
    default: '`<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`',
  })
  @IsOptional()
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @Env('`service.name` of every exported span', { default: '`hemotrace`' })
  @IsOptional()
  OTEL_SERVICE_NAME?: string;

  @Env('structured JSON logs (pino)', { default: '`info` (`silent` under `NODE_ENV=test`)' })
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @Env('the workbench build served under `/ui` (built by `npm run build`)', { default: '`dist/web`' })
  @IsOptional()
  HEMOTRACE_WEB_DIR?: string;

  @Env('tests only: `postgres` runs the HTTP journeys on PostgreSQL')
  @IsIn(['sqlite', 'postgres'])
  HEMOTRACE_TEST_STORE: 'sqlite' | 'postgres' = 'sqlite';

  @Env('tests only: the database where tests make throwaway schemas (`npm test` sets `.../hemotrace_test`)', {
    default: '`DATABASE_URL`',
  })
  @IsOptional()
  HEMOTRACE_TEST_DATABASE_URL?: string;

  @Env('`test` makes `LOG_LEVEL` default to `silent`')
  @IsOptional()
  NODE_ENV?: string;

  @Env(
    'Node.js options; a `--heap-growing-percent` or `--semi-space-growth-factor` given here (or on the command line) replaces the one the all-in-one server sets at start (50 and 1: apps/hemotrace/src/heap-settings.ts)',
  )
  @IsOptional()
  NODE_OPTIONS?: string;

  @Env('`bin/hemotrace erase`: who erases, recorded as the actor when `--user` is not given', {
    default: '`cli`',
  })
  @IsOptional()
  USER?: string;

  @Env('tests only: `true`/`1` makes a missing PostgreSQL a failure instead of a skip')
  @IsOptional()
  CI?: string;
}

export interface DocumentedVariable extends VariableDoc {
  name: string;
  default: string;
  /** Derived from the validators, so it cannot drift from what is enforced. */
  allowed: string;
}

const allowedOf = (name: string): string => {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .filter((m) => m.propertyName === name);
  const constraint = (rule: string): unknown => rules.find((m) => m.name === rule)?.constraints?.[0];
  const values = constraint('isIn') as readonly string[] | undefined;
  if (values) return values.map((v) => `\`${v}\``).join(', ');
  const [min, max] = [constraint('min'), constraint('max')];
  if (rules.some((m) => m.name === 'isInt'))
    return `integer${min !== undefined ? ` >= ${String(min)}` : ''}${max !== undefined ? `, <= ${String(max)}` : ''}`;
  if (rules.some((m) => m.name === 'isPositive')) return 'number > 0';
  if (rules.some((m) => m.name === 'isJson')) return 'JSON';
  if (rules.some((m) => m.name === 'matches')) return 'text (see meaning)';
  return 'text';
};

/** The schema as documentation, in declaration order: what the README table must say. */
export const documentedVariables = (): DocumentedVariable[] => {
  const defaults = new Environment() as unknown as Record<string, unknown>;
  return [...DOCS].map(([name, doc]) => ({
    name,
    meaning: doc.meaning,
    allowed: allowedOf(name),
    default: doc.default ?? (defaults[name] === undefined ? 'none' : `\`${String(defaults[name])}\``),
  }));
};

/** The README row of a variable, exactly. */
export const readmeRow = (v: DocumentedVariable): string =>
  `| \`${v.name}\` | ${v.default} | ${v.allowed} | ${v.meaning} |`;

export class InvalidConfiguration extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/**
 * Environment in, validated settings out. An empty value counts as unset (so `X=` restores the
 * default). Every wrong value is named with what is allowed, in one message.
 */
export const validateEnvironment = (env: NodeJS.ProcessEnv): Environment => {
  const declared = Object.fromEntries(
    [...DOCS.keys()].filter((name) => env[name] !== undefined && env[name] !== '').map((n) => [n, env[n]]),
  );
  const settings = plainToInstance(Environment, declared, { exposeDefaultValues: true });
  const errors = validateSync(settings, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new InvalidConfiguration(
      errors.map((e) => {
        const given =
          declared[e.property] === undefined
            ? `${e.property} (unset)`
            : `${e.property}=${declared[e.property]}`;
        const why = Object.values(e.constraints ?? {}).map((m) =>
          m.replace(new RegExp(`^${e.property} `), ''),
        );
        return `${given}: ${why.join('; ')}`;
      }),
    );
  }
  return settings;
};
