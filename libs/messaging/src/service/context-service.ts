import type { DynamicModule, Type } from '@nestjs/common';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner, resolvePostgresTarget } from '@hemotrace/event-sourcing';
import type { HemotraceConfig, Logger } from '@hemotrace/platform';
import {
  createApp,
  HEMOTRACE_CONFIG,
  InvalidConfiguration,
  loadConfig,
  LOGGER,
  PlatformModule,
} from '@hemotrace/platform';
import type { IntegrationBus } from '../bus.port';
import { INTEGRATION_BUS } from '../bus.port';
import type { BoundedContextName } from '../contracts/integration-event';
import type { KafkaRelay } from '../kafka/kafka-relay';
import { KAFKA_RELAY, MessagingModule } from '../messaging.module';

export const SERVICE_CONTEXT = Symbol('ServiceContext');

@ApiTags('health')
@Controller('health')
class ServiceHealthHttpController {
  constructor(
    @Inject(SERVICE_CONTEXT) private readonly context: BoundedContextName,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(KAFKA_RELAY) private readonly relay: KafkaRelay | null,
    private readonly runner: ProjectionRunner,
    @Inject(HEMOTRACE_CONFIG) private readonly config: HemotraceConfig,
  ) {}

  @Get()
  @Public()
  async health() {
    await this.store.readAll('', 1);
    return {
      status: 'ok',
      service: `${this.context}-service`,
      store: this.store.kind,
      readModelSchema: this.config.readModelSchema ?? null,
      bus: this.bus.kind,
      processors: this.runner.names,
      relay: this.relay?.stats ?? null,
    };
  }
}

/**
 * A service owns its read side: read models, checkpoints (its relay's too), processed-message
 * markers and dead letters live in `HEMOTRACE_READ_MODEL_SCHEMA`, by default `<store schema>_<context>`.
 * The log (events, personal-data keys) stays in the store schema that every service shares, as a
 * KurrentDB cluster would be shared: the log of record, never a channel between read sides.
 */
export const serviceConfig = (config: HemotraceConfig, context: BoundedContextName): HemotraceConfig => {
  if (config.databaseUrl === undefined) return config;
  const storeSchema = resolvePostgresTarget(config.databaseUrl, config.settings.HEMOTRACE_PG_SCHEMA).schema;
  /* Sharing it again would let this service's copies (e.g. collection's donation history) reset the owner's documents. */
  if (config.readModelSchema === storeSchema) {
    throw new InvalidConfiguration([
      `HEMOTRACE_READ_MODEL_SCHEMA: the ${context} service keeps its read side apart from the log; ${storeSchema} is the store schema`,
    ]);
  }
  return config.readModelSchema !== undefined
    ? config
    : { ...config, readModelSchema: defaultReadModelSchema(config.databaseUrl, config, context) };
};

/** `<store schema>_<context>`: where a context service keeps its read side unless told otherwise. */
export const defaultReadModelSchema = (
  databaseUrl: string,
  config: Pick<HemotraceConfig, 'settings'>,
  context: BoundedContextName,
): string => `${resolvePostgresTarget(databaseUrl, config.settings.HEMOTRACE_PG_SCHEMA).schema}_${context}`;

/**
 * One bounded context as its own service: the context's HTTP API, its projections and its
 * subscriptions over its own read-model schema (serviceConfig), on a log shared with the other
 * services (the log is the outbox), with a relay that publishes only this context's streams,
 * under its own checkpoint. Another context's facts reach it only as contracts on Kafka, or are
 * read from the owner's streams in the log of record: never from the owner's read models.
 */
export const contextServiceModule = (
  service: Type<unknown>,
  context: BoundedContextName,
  contextModule: Type<unknown>,
  config: HemotraceConfig,
): DynamicModule => ({
  module: service,
  imports: [
    PlatformModule.forRoot(serviceConfig(config, context)),
    MessagingModule.forRoot({ contexts: [context] }),
    contextModule,
  ],
  controllers: [ServiceHealthHttpController],
  providers: [{ provide: SERVICE_CONTEXT, useValue: context }],
});

/** `node dist/apps/<context>-service/src/main.js`: configured by the same environment as the all-in-one server. */
export const runContextService = (
  context: BoundedContextName,
  moduleFor: (config: HemotraceConfig) => DynamicModule,
): void => {
  const bootstrap = async () => {
    const config = loadConfig();
    const app = await createApp(moduleFor(config), config, `Hemotrace ${context} service`);
    await app.listen(config.port, config.host);
    app
      .get<Logger>(LOGGER)
      .info(
        { url: `http://${config.host}:${config.port}`, store: config.store, bus: config.bus },
        `Hemotrace ${context} service started`,
      );
  };
  bootstrap().catch((error: unknown) => {
    process.stderr.write(
      `Hemotrace ${context} service failed to start: ${error instanceof InvalidConfiguration ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
};
