import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_SERVER, runBuilt } from './support/built-cli';

/**
 * Issue 17: a wrong configuration value stops the server, a service and the CLI before anything
 * is written, with one message that names the variable and the values it allows.
 */
const SERVICE = join(__dirname, '..', 'dist/apps/donors-service/src/main.js');
/* Loading the whole built server takes seconds on a busy machine; the refusal itself is immediate. */
jest.setTimeout(60_000);

describe('starting with an invalid configuration', () => {
  let parent: string;
  let dataDir: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'hemotrace-config-'));
    dataDir = join(parent, 'data');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('refuses an unknown store on the server, names the allowed ones and creates no data directory', async () => {
    const run = await runBuilt(BUILT_SERVER, [], {
      HEMOTRACE_STORE: 'mysql',
      HEMOTRACE_DATA_DIR: dataDir,
      PORT: '0',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Hemotrace failed to start: Invalid configuration:\n' +
        '  HEMOTRACE_STORE=mysql: must be one of the following values: sqlite, postgres, kurrentdb, memory\n',
    );
    expect(run.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names every wrong value of a service at once', async () => {
    const run = await runBuilt(SERVICE, [], {
      PORT: 'eighty',
      HEMOTRACE_BUS: 'rabbitmq',
      HEMOTRACE_DATA_DIR: dataDir,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT=eighty: must be an integer number');
    expect(run.stderr).toContain(
      'HEMOTRACE_BUS=rabbitmq: must be one of the following values: in-process, kafka',
    );
    expect(run.stderr).not.toContain('    at ');
    expect(existsSync(dataDir)).toBe(false);
  });
});
