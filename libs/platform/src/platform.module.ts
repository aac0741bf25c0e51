import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthGuard, loadTokens, TokenRegistry } from '@hemotrace/auth';
import {
  EVENT_STORE,
  ProjectionRunner,
  READ_MODEL_STORE,
  ReadYourWritesReadModels,
  withUpcasting,
} from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import { CommandExecutor } from './command-executor';
import { requestedLogPosition } from './http/log-position';
import type { HemotraceConfig } from './config';
import { HEMOTRACE_CONFIG } from './config';
import type { Logger } from './logger';
import { createLogger, LOGGER } from './logger';
import type { Stores } from './stores/store-factory';
import { openFallbackPersonalDataKeys, openStores } from './stores/store-factory';
import { PERSONAL_DATA_KEYS } from './personal-data/personal-data-key-store.port';
import { Readiness } from './readiness';
import { systemClock } from './system-clock';

export const STORES = Symbol('Stores');
export const REGULATORY_PROFILE = Symbol('RegulatoryProfile');
const PLATFORM_OPTIONS = Symbol('PlatformOptions');

@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(STORES) private readonly stores: Stores,
    private readonly readiness: Readiness,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    const catchUp = this.runner
      .catchUp(this.runner.names.filter((n) => !n.startsWith('reactor:')))
      .then(() => this.readiness.markCaughtUp());
    if (!this.options.catchUpInBackground) return catchUp;
    catchUp.catch((error: unknown) => {
      this.readiness.markFailed(error);
      this.logger.error({ err: error }, 'Projections failed to catch up; readiness stays false');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.stores.close();
  }
}

export interface PlatformOptions {
  /** Tests pass stores they made themselves (e.g. in memory). */
  stores?: Stores;
  /** The demo loader runs the live code on a simulated timeline. */
  clock?: Clock;
  /**
   * Start listening before the projections have caught up with the log (the server does): readiness
   * reports false until they have. Without it, start-up waits for the catch-up (tests, the CLI).
   */
  catchUpInBackground?: boolean;
}

/** Event store, read models, projection runner, command executor, clock, logging and authentication. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: HemotraceConfig, options: PlatformOptions = {}): DynamicModule {
    const tokens = loadTokens(config);
    return {
      module: PlatformModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: HEMOTRACE_CONFIG, useValue: config },
        { provide: REGULATORY_PROFILE, useValue: config.regulatoryProfile },
        { provide: LOGGER, useValue: createLogger(config.logLevel) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: STORES,
          useFactory: () =>
            options.stores
              ? { ...options.stores, events: withUpcasting(options.stores.events) }
              : openStores(config),
        },
        { provide: EVENT_STORE, useFactory: (stores: Stores) => stores.events, inject: [STORES] },
        {
          provide: READ_MODEL_STORE,
          useFactory: (stores: Stores, runner: ProjectionRunner) =>
            new ReadYourWritesReadModels(stores.readModels, runner, requestedLogPosition),
          inject: [STORES, ProjectionRunner],
        },
        {
          provide: PERSONAL_DATA_KEYS,
          useFactory: (stores: Stores) => stores.personalDataKeys ?? openFallbackPersonalDataKeys(config),
          inject: [STORES],
        },
        {
          provide: ProjectionRunner,
          useFactory: (stores: Stores, logger: Logger) =>
            new ProjectionRunner(stores.events, stores.readModels, {
              onError: (processor, error) =>
                logger.error({ err: error, processor }, 'Projection or reactor failed'),
            }),
          inject: [STORES, LOGGER],
        },
        { provide: TokenRegistry, useValue: new TokenRegistry(tokens.grants) },
        { provide: 'DEVELOPMENT_TOKEN', useValue: tokens.developmentToken ?? null },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: PLATFORM_OPTIONS, useValue: options },
        Readiness,
        CommandExecutor,
        PlatformLifecycle,
      ],
      exports: [
        HEMOTRACE_CONFIG,
        REGULATORY_PROFILE,
        LOGGER,
        CLOCK,
        STORES,
        EVENT_STORE,
        READ_MODEL_STORE,
        PERSONAL_DATA_KEYS,
        ProjectionRunner,
        TokenRegistry,
        'DEVELOPMENT_TOKEN',
        CommandExecutor,
        Readiness,
        CqrsModule,
      ],
    };
  }
}
