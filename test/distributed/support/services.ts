import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Role } from '@hemotrace/kernel';
import { ROLES } from '@hemotrace/kernel';

export const ROOT = resolve(__dirname, '../../..');

export type ServiceName =
  'donors' | 'collection' | 'laboratory' | 'components' | 'distribution' | 'transfusion' | 'traceability';

/**
 * The server the caller named (DATABASE_URL / KAFKA_BROKERS, as `npm test` sets them), else the
 * one the infra start script (idempotent) starts or finds, from the last line of its stdout.
 */
export const startInfra = (which: 'postgres' | 'kafka'): string =>
  (which === 'postgres' ? process.env.DATABASE_URL : process.env.KAFKA_BROKERS) ||
  execFileSync('bash', [join(ROOT, 'infra', which, 'start.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .trim()
    .split('\n')
    .pop()!;

export const tokenOf = (role: Role): string => `dist-token-${role}`.padEnd(24, '0');

/** One token per role, hospitals at HOSP-1 and everyone else at BC-1 (as in test/support/test-app.ts). */
export const roleTokens = (): string =>
  JSON.stringify(
    ROLES.map((role) => ({
      token: tokenOf(role),
      userId: `user-${role}`,
      role,
      siteId: role === 'hospital' ? 'HOSP-1' : 'BC-1',
    })),
  );

export interface RunningService {
  name: ServiceName;
  url: string;
  process: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

export const serviceMain = (name: ServiceName): string =>
  join(ROOT, 'dist/apps', `${name}-service`, 'src/main.js');

/** `node dist/apps/<name>-service/src/main.js` with its output in `log`; resolves once /health answers. */
export const startService = async (
  name: ServiceName,
  port: number,
  env: NodeJS.ProcessEnv,
  log: string,
  timeoutMs = 45_000,
): Promise<RunningService> => {
  const main = serviceMain(name);
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`${name}-service exited during start:\n${tail(log)}`);
    const ok = await fetch(`${url}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { name, url, process: child, log, exited };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name}-service did not answer /health in ${timeoutMs} ms:\n${tail(log)}`);
    }
    await new Promise((done) => setTimeout(done, 150));
  }
};

/** SIGTERM (graceful: the relay and the consumers stop) and SIGKILL after a grace period. */
export const stopService = async (service: RunningService, graceMs = 8_000): Promise<void> => {
  if (service.process.exitCode !== null || service.process.signalCode !== null) return;
  service.process.kill('SIGTERM');
  const timer = setTimeout(() => service.process.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
};

export const tail = (log: string, lines = 30): string =>
  existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-lines).join('\n') : '(no log)';

export { freePortsBelowEphemeral } from '../../support/ports';
