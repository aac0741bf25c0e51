import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings the server applies to itself at start, because it is started as `node main.js` by
 * every launcher (npm start, the services script, the container, the benches). Each is a flag V8
 * reads while it runs, so setting it here is enough; the same flag given on the command line or
 * in NODE_OPTIONS wins.
 *
 * - `--heap-growing-percent=50`: under write load most of the server's garbage dies old (requests
 *   waiting for a projection pass, replaced cache entries), and V8's default lets the old
 *   generation grow to several times its live size before a full collection: 300+ MiB resident at
 *   16 connections for ~80 MiB live. Growing it by at most half per collection keeps the peak near
 *   200 MiB for the same CPU (bench/src/http-commands.bench.ts).
 * - `--semi-space-growth-factor=1`: V8 doubles the young generation under allocation pressure (the
 *   start-up, a catch-up, a burst of requests) up to 2 x 16 MiB and keeps it for the life of the
 *   process: 30 MiB of the 140 MiB an idle server held. Kept at its first 2 x 1 MiB, the idle
 *   server holds 111 MiB and the peak under 16 connections drops by 30 MiB, with the same server
 *   CPU per request (both measured with bench/src/http-commands.bench.ts, issue 15).
 */
export const HEAP_SETTINGS: readonly string[] = ['--heap-growing-percent=50', '--semi-space-growth-factor=1'];

const flagName = (flag: string): string => flag.split('=')[0]!;

/** The settings the operator did not give already (`execArgv` and NODE_OPTIONS win). */
export const heapSettingsToApply = (
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): string[] => {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].filter(Boolean).map(flagName);
  return HEAP_SETTINGS.filter((flag) => !given.includes(flagName(flag)));
};

export const applyHeapSettings = (): void => {
  for (const flag of heapSettingsToApply(process.execArgv, process.env.NODE_OPTIONS))
    setFlagsFromString(flag);
};
