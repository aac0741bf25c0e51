import type {
  BeforeApplicationShutdown,
  DynamicModule,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { EventStore, ReadModelStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { HemotraceConfig, Logger } from '@hemotrace/platform';
import { HEMOTRACE_CONFIG, LOGGER } from '@hemotrace/platform';
import type { IntegrationBus } from './bus.port';
import { INTEGRATION_BUS, sleep } from './bus.port';
import { ContractRegistry } from './contracts/contract-registry';
import { InProcessBus } from './in-process/in-process-bus';
import { KafkaBus } from './kafka/kafka-bus';
import { createKafka } from './kafka/kafka-client';
import type { BoundedContextName } from './contracts/integration-event';
import { KafkaRelay, RELAY_CHECKPOINT } from './kafka/kafka-relay';
import { topicPrefixFrom } from './topics';
import { DeadLetterOffice } from './failures/dead-letter-office';
import { ReactionFailureLog } from './failures/reaction-failure-log';
import { reactionFailuresProjection } from './failures/reaction-failures.projection';

export const KAFKA_CLIENT = Symbol('KafkaClient');
export const KAFKA_RELAY = Symbol('KafkaRelay');

export interface MessagingOptions {
  /**
   * Run the log-to-Kafka relay in this process (default: whenever the bus is Kafka). A service
   * that only consumes, or a second replica on the same store, turns it off.
   */
  relay?: boolean;
  /**
   * A service of one context on a log shared with the other services: its relay publishes only
   * these contexts' streams, under its own checkpoint (`relay:kafka:<context>`).
   */
  contexts?: readonly BoundedContextName[];
  env?: NodeJS.ProcessEnv;
}

export const relayCheckpointName = (contexts?: readonly BoundedContextName[]): string =>
  contexts && contexts.length > 0
    ? `${RELAY_CHECKPOINT}:${[...contexts].sort().join('+')}`
    : RELAY_CHECKPOINT;

/** How long the group waits for a silent (crashed) member: `HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS`, else 30 s. */
const sessionTimeoutFrom = (env: NodeJS.ProcessEnv = process.env): number | undefined => {
  const raw = env.HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS;
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 6_000) {
    throw new Error(`HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS must be an integer of at least 6000; got ${raw}`);
  }
  return ms;
};

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopping = false;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(KAFKA_RELAY) private readonly relay: KafkaRelay | null,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly runner: ProjectionRunner,
  ) {}

  onModuleInit(): void {
    this.runner.addProjection(reactionFailuresProjection);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.bus instanceof InProcessBus) {
      for (const missing of this.bus.unpublishedSubscriptions()) {
        this.logger.error(missing, 'Subscribed to a contract no context registers: nothing will arrive');
      }
    }
    await this.relay?.start();
    // A broker that is down at boot must not keep the HTTP API down: consumers join when it answers.
    void this.startBus();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.relay?.stop();
    await this.bus.stop();
  }

  private async startBus(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        await this.bus.start();
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'Integration bus could not start; retrying');
        await sleep(Math.min(500 * 2 ** attempt, 15_000));
      }
    }
  }
}

/**
 * Integration events for the app that imports it: the contract registry (contexts register their
 * contracts and stream categories in onModuleInit), the bus (`HEMOTRACE_BUS`: in-process by
 * default, or Kafka at `KAFKA_BROKERS`), and with Kafka the relay from the log to the topics.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    const prefix = topicPrefixFrom(options.env);
    const sessionTimeoutMs = sessionTimeoutFrom(options.env);
    return {
      module: MessagingModule,
      providers: [
        { provide: ContractRegistry, useFactory: () => new ContractRegistry() },
        {
          provide: ReactionFailureLog,
          useFactory: (store: EventStore) => new ReactionFailureLog(store),
          inject: [EVENT_STORE],
        },
        {
          provide: DeadLetterOffice,
          useFactory: (bus: IntegrationBus, readModels: ReadModelStore, log: ReactionFailureLog) =>
            new DeadLetterOffice(bus, readModels, log),
          inject: [INTEGRATION_BUS, READ_MODEL_STORE, ReactionFailureLog],
        },
        {
          provide: KAFKA_CLIENT,
          useFactory: (config: HemotraceConfig, logger: Logger) =>
            config.bus === 'kafka'
              ? createKafka({
                  brokers: config.kafkaBrokers,
                  log: (level, message, extra) => logger[level](extra, message),
                })
              : null,
          inject: [HEMOTRACE_CONFIG, LOGGER],
        },
        {
          provide: INTEGRATION_BUS,
          useFactory: (
            kafka: Kafka | null,
            runner: ProjectionRunner,
            readModels: ReadModelStore,
            registry: ContractRegistry,
            logger: Logger,
            failures: ReactionFailureLog,
          ): IntegrationBus => {
            const onDeadLetter = (where: unknown, error: unknown) =>
              logger.error({ where, err: error }, 'Integration event dead-lettered');
            return kafka
              ? new KafkaBus({
                  kafka,
                  readModels,
                  topicPrefix: prefix,
                  sessionTimeoutMs,
                  onDeadLetter,
                  deadLetters: failures,
                  onError: (error) => logger.warn({ err: error }, 'Kafka consumer restarting'),
                })
              : new InProcessBus(runner, registry, {
                  onDeadLetter: (letter) => onDeadLetter(letter.handler, letter.error),
                  deadLetters: failures,
                });
          },
          inject: [
            KAFKA_CLIENT,
            ProjectionRunner,
            READ_MODEL_STORE,
            ContractRegistry,
            LOGGER,
            ReactionFailureLog,
          ],
        },
        {
          provide: KAFKA_RELAY,
          useFactory: (
            kafka: Kafka | null,
            store: EventStore,
            readModels: ReadModelStore,
            registry: ContractRegistry,
            logger: Logger,
          ) =>
            kafka && options.relay !== false
              ? new KafkaRelay({
                  kafka,
                  store,
                  readModels,
                  registry,
                  topicPrefix: prefix,
                  contexts: options.contexts,
                  name: relayCheckpointName(options.contexts),
                  onError: (error) => logger.warn({ err: error }, 'Kafka relay batch failed; retrying'),
                  onUnroutable: (category) =>
                    logger.warn(
                      { category },
                      'Stream category owned by no context; its events are not published',
                    ),
                })
              : null,
          inject: [KAFKA_CLIENT, EVENT_STORE, READ_MODEL_STORE, ContractRegistry, LOGGER],
        },
        MessagingLifecycle,
      ],
      exports: [
        ContractRegistry,
        INTEGRATION_BUS,
        KAFKA_CLIENT,
        KAFKA_RELAY,
        ReactionFailureLog,
        DeadLetterOffice,
      ],
    };
  }
}
