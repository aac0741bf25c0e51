import './apply-heap-settings';
import 'reflect-metadata';
import type { Logger } from '@hemotrace/platform';
import { createApp, InvalidConfiguration, loadConfig, LOGGER } from '@hemotrace/platform';
import { AppModule } from './app.module';

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
