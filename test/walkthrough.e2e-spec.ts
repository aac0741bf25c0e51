import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's walkthrough (docs/walkthrough.sh, the block the README shows) run by bash against
 * the built server (node dist/apps/hemotrace/src/main.js) on a free port and a fresh SQLite data
 * directory (issue 17, "the first ten minutes of a newcomer"): it must go from donor registration
 * to a transfused unit and its trace, and a second run on the same server must pass too.
 */
const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/hemotrace/src/main.js');
const SCRIPT = join(ROOT, 'docs/walkthrough.sh');
const onPostgres = process.env.HEMOTRACE_TEST_STORE === 'postgres';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const tail = (log: string) =>
  existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';

const run = (env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

(onPostgres ? describe.skip : describe)('the README walkthrough, pasted as one block', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  const center = `wt-center-${randomBytes(8).toString('hex')}`;
  const hospital = `wt-hospital-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    dir = mkdtempSync(join(tmpdir(), 'hemotrace-walkthrough-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const log = join(dir, 'server.log');
    const out = openSync(log, 'a');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      HEMOTRACE_STORE: 'sqlite',
      HEMOTRACE_DATA_DIR: dir,
      HEMOTRACE_TOKENS: JSON.stringify([
        { token: center, userId: 'center-admin', role: 'admin', siteId: 'BC-1' },
        { token: hospital, userId: 'ward-nurse', role: 'hospital', siteId: 'HOSP-1' },
      ]),
      LOG_LEVEL: 'warn',
    };
    server = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', out, out] });
    closeSync(out);
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited during start:\n${tail(log)}`);
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`server did not answer /health:\n${tail(log)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 2])(
    'run %i ends with the unit transfused and its trace verified',
    async () => {
      const result = await run({
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BASE: base,
        CENTER_TOKEN: center,
        HOSPITAL_TOKEN: hospital,
      });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toBe('ELIGIBLE');
      expect(lines.at(-1)).toMatch(/^unit A99992\d{7}-E0398V00: Transfused$/);
      expect(lines.at(-2)).toBe('integrity ok: true');
      const trace = lines.at(-3)!.split(' > ');
      expect(trace[0]).toBe('DonorRegistered');
      expect(trace).toEqual(
        expect.arrayContaining([
          'DonationCompleted',
          'DonationQualified',
          'UnitReleased',
          'ShipmentDispatched',
          'ShipmentReceived',
          'CrossmatchPerformed',
          'BedsideCheckPassed',
          'TransfusionStarted',
        ]),
      );
      expect(trace).toEqual(expect.arrayContaining(['UnitTransfused', 'UnitTransfusionRecorded']));
    },
    60_000,
  );

  it('is the block the README shows, byte for byte', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const script = readFileSync(SCRIPT, 'utf8');
    const section = readme.slice(readme.indexOf('### A donation from vein to vein (curl)'));
    const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks[1]).toBe(script);
  });
});
