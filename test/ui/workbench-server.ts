import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, '.tmp/ui-screenshots');
export const CHROMIUM = process.env.HEMOTRACE_CHROMIUM ?? '/usr/bin/chromium';

/** Who signs in during the journeys: one token per role and site. */
export const USERS = {
  auditor: { token: 'ui-auditor-token-000001', userId: 'auditor-1', role: 'quality-auditor', siteId: 'BC-1' },
  distribution: { token: 'ui-distribution-token-01', userId: 'dist-1', role: 'distribution', siteId: 'BC-1' },
  hospital1: { token: 'ui-hospital-1-token-0001', userId: 'nurse-h1', role: 'hospital', siteId: 'HOSP-1' },
  hospital99: { token: 'ui-hospital-99-token-001', userId: 'nurse-h99', role: 'hospital', siteId: 'HOSP-99' },
} as const;

/** A nurse at each of the demo's hospitals (HOSP-1 to HOSP-12): the journeys sign in where the data sent units. */
export const HOSPITAL_USERS = Array.from({ length: 12 }, (_, i) => ({
  token: `ui-hospital-${String(i + 1).padStart(2, '0')}-nurse-token`,
  userId: `nurse-hosp-${i + 1}`,
  role: 'hospital',
  siteId: `HOSP-${i + 1}`,
}));

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });

export interface RunningServer {
  url: string;
  dir: string;
  api: <T>(path: string, token?: string) => Promise<T>;
  stop: () => Promise<void>;
}

/** The built all-in-one server (`dist/`), on the demo dataset of `hemotrace demo`, on a free port. */
export const startDemoServer = async (donations = 300): Promise<RunningServer> => {
  const main = join(ROOT, 'dist/apps/hemotrace/src/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist/web/index.html')))
    throw new Error('The browser journeys run the built server and workbench: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-ui-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'dist/apps/cli/src/main.js'), 'demo', '--donations', String(donations), '--dir', dir],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HEMOTRACE_STORE: 'sqlite',
      HEMOTRACE_DATA_DIR: dir,
      HEMOTRACE_TOKENS: JSON.stringify([...Object.values(USERS), ...HOSPITAL_USERS]),
      HEMOTRACE_EXPIRY_SWEEP_MS: '0',
      /* Checkpoints only on demand (exports): the journeys compare the one the page shows with the API's. */
      HEMOTRACE_CHECKPOINT_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const api = async <T>(path: string, token: string = USERS.auditor.token): Promise<T> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      headers: { Authorization: `Bearer ${token}`, Connection: 'close' },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dir,
    api,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Debian's chromium, headless, on a fresh profile; nothing is downloaded. */
export const launchBrowser = async (): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  const profile = mkdtempSync(join(tmpdir(), 'hemotrace-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** axe-core injected into the page: the serious and critical violations it finds. */
export const seriousViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** The text of a PDF, read by poppler's pdftotext (Debian poppler-utils). */
export const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
