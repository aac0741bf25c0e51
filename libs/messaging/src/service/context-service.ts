import type { DynamicModule, Type } from '@nestjs/common';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { HemotraceConfig, Logger } from '@hemotrace/platform';
import { createApp, InvalidConfiguration, loadConfig, LOGGER, PlatformModule } from '@hemotrace/platform';
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
  ) {}

  @Get()
  @Public()
  async health() {
    await this.store.readAll('', 1);
    return {
      status: 'ok',
      service: `${this.context}-service`,
      store: this.store.kind,
      bus: this.bus.kind,
      processors: this.runner.names,
      relay: this.relay?.stats ?? null,
    };
  }
}

/**
 * One bounded context as its own service: the context's HTTP API, its projections and its
 * subscriptions, on a store shared with the other services (the log is the outbox), with a relay
 * that publishes only this context's streams, under its own checkpoint.
 */
export const contextServiceModule = (
  service: Type<unknown>,
  context: BoundedContextName,
  contextModule: Type<unknown>,
  config: HemotraceConfig,
): DynamicModule => ({
  module: service,
  imports: [PlatformModule.forRoot(config), MessagingModule.forRoot({ contexts: [context] }), contextModule],
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
