import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const BUILT_CLI = join(ROOT, 'dist/apps/cli/src/main.js');
export const BUILT_SERVER = join(ROOT, 'dist/apps/hemotrace/src/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A built entry point as a user runs it: its own process, only the environment given (plus PATH). */
export const runBuilt = (
  main: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<Run> => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
};

/** `hemotrace <args>` from the build (what bin/hemotrace runs). */
export const hemotrace = (args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs?: number): Promise<Run> =>
  runBuilt(BUILT_CLI, args, env, timeoutMs);
