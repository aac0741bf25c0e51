import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Clock, Role } from '@hemotrace/kernel';
import { ROLES } from '@hemotrace/kernel';
import type { HemotraceConfig, PlatformOptions, StoreChoice } from '@hemotrace/platform';
import { createApp, loadConfig } from '@hemotrace/platform';
import { AppModule } from '@hemotrace/app';

export interface TestUser {
  role: Role;
  siteId: string;
  userId?: string;
}

export interface TestApp {
  app: INestApplication;
  config: HemotraceConfig;
  /** Authenticated requests as a role (at its default site) or as a named test user. */
  as(who: Role | string): ReturnType<typeof authed>;
  anonymous(): ReturnType<typeof request>;
  close(): Promise<void>;
}

const authed = (app: INestApplication, token: string) => {
  const agent = request(app.getHttpServer());
  const withAuth = <T extends { set(name: string, value: string): T }>(r: T) =>
    r.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => withAuth(agent.get(url)),
    post: (url: string) => withAuth(agent.post(url)),
    put: (url: string) => withAuth(agent.put(url)),
    patch: (url: string) => withAuth(agent.patch(url)),
    delete: (url: string) => withAuth(agent.delete(url)),
  };
};

/** Each PostgreSQL test app gets its own `tmp_` schema, which the store drops when the app closes. */
const throwawayPostgresUrl = (): string => {
  const url = process.env.HEMOTRACE_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error('HEMOTRACE_TEST_STORE=postgres needs HEMOTRACE_TEST_DATABASE_URL or DATABASE_URL');
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', `tmp_e2e_${randomBytes(6).toString('hex')}`);
  return withSchema.toString();
};

const tokenFor = (name: string) => `test-token-${name}`.padEnd(24, '0');

/**
 * The real application (same module, pipes, filter and guard as `npm start`) on a throwaway
 * store: SQLite in a temp directory by default, or HEMOTRACE_TEST_STORE (e.g. postgres).
 */
export const startTestApp = async (
  options: {
    users?: Record<string, TestUser>;
    store?: StoreChoice;
    env?: NodeJS.ProcessEnv;
    /** The clock reactions and the expiry sweep read (HTTP requests keep the request time). */
    clock?: Clock;
    platform?: PlatformOptions;
  } = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hemotrace-e2e-'));
  const defaults: Record<string, TestUser> = Object.fromEntries(
    ROLES.map((role) => [role, { role, siteId: role === 'hospital' ? 'HOSP-1' : 'BC-1' }]),
  );
  const users = { ...defaults, ...options.users };
  const grants = Object.entries(users).map(([name, user]) => ({
    token: tokenFor(name),
    userId: user.userId ?? `user-${name}`,
    role: user.role,
    siteId: user.siteId,
  }));
  const store = options.store ?? (process.env.HEMOTRACE_TEST_STORE as StoreChoice | undefined) ?? 'sqlite';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    HEMOTRACE_STORE: store,
    ...(store === 'postgres' ? { DATABASE_URL: throwawayPostgresUrl() } : {}),
    HEMOTRACE_DATA_DIR: dataDir,
    HEMOTRACE_TOKENS: JSON.stringify(grants),
    HEMOTRACE_TOKENS_FILE: '',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const app = await createApp(
    AppModule.forRoot(config, { ...options.platform, clock: options.clock }),
    config,
  );
  return {
    app,
    config,
    as: (who) => authed(app, tokenFor(who)),
    anonymous: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Waits for something the system does asynchronously (a reaction to an event). */
export const eventually = async <T>(probe: () => Promise<T>, timeoutMs = 5000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      if (Date.now() > deadline) throw lastError;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};
