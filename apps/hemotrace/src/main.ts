import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import type { Logger } from '@hemotrace/platform';
import { createApp, InvalidConfiguration, loadConfig, LOGGER } from '@hemotrace/platform';
import { AppModule } from './app.module';

/**
 * Under write load most of the server's garbage dies old (requests waiting for a projection pass,
 * replaced cache entries), and V8's default lets the old generation grow to several times its live
 * size before a full collection: 300+ MiB resident at 16 connections for ~80 MiB live. Growing it
 * by at most half per collection keeps the peak near 200 MiB for the same CPU (issue 15, measured
 * with bench/src/http-commands.bench.ts). V8 reads this flag at every collection, so setting it
 * here is enough; one given on the command line or in NODE_OPTIONS wins.
 */
const HEAP_GROWING_PERCENT = '--heap-growing-percent';
if (
  ![...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) =>
    arg.startsWith(HEAP_GROWING_PERCENT),
  )
)
  setFlagsFromString(`${HEAP_GROWING_PERCENT}=50`);

const bootstrap = async () => {
  const config = loadConfig();
  const app = await createApp(AppModule.forRoot(config, { catchUpInBackground: true }), config);
  await app.listen(config.port, config.host);
  const logger = app.get<Logger>(LOGGER);
  const url = `http://${config.host}:${config.port}`;
  logger.info(
    { url, store: config.store, dataDir: config.dataDir, profile: config.regulatoryProfile },
    'Hemotrace started',
  );
  const devToken = app.get<string | null>('DEVELOPMENT_TOKEN');
  process.stdout.write(
    `\nHemotrace listening on ${url}  (workbench: ${url}/ui, API docs: ${url}/api/docs, store: ${config.store})\n`,
  );
  if (devToken) {
    process.stdout.write(
      `No tokens configured: development admin token (kept in ${config.dataDir}/dev-admin.token):\n  Authorization: Bearer ${devToken}\n\n`,
    );
  }
};

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `Hemotrace failed to start: ${error instanceof InvalidConfiguration ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
