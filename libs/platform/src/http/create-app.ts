import type { NextFunction, Request, Response } from 'express';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { HemotraceConfig } from '../config';
import type { Logger } from '../logger';
import { LOGGER, PinoNestLogger } from '../logger';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { EventStore } from '@hemotrace/event-sourcing';
import { correlationMiddleware } from './correlation.middleware';
import { hostileInputMiddleware } from './hostile-input.middleware';
import { idempotencyMiddleware, idempotencyOptionsFrom } from './idempotency/idempotency.middleware';
import { openIdempotencyStore } from './idempotency/idempotency-store';
import { logPositionMiddleware } from './log-position';
import { completeApiContract, routeAccessOf } from './openapi/api-contract';
import { ProblemFilter } from './problem.filter';
import { createValidationPipe } from './validation';

/** Builds the HTTP application the same way for `npm start`, the services and the e2e tests. */
export const createApp = async (
  rootModule: Type<unknown> | ReturnType<typeof Object>,
  config: HemotraceConfig,
  title = 'Hemotrace',
): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as Type<unknown>, {
    bodyParser: false,
    bufferLogs: true,
  });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.disable('x-powered-by');
  app.use(correlationMiddleware(logger));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(hostileInputMiddleware);
  /* After the body parser: its stream callbacks would lose the request's async context. */
  app.use(logPositionMiddleware);
  app.use(
    idempotencyMiddleware(
      await openIdempotencyStore(app.get<EventStore>(EVENT_STORE)),
      idempotencyOptionsFrom(config.env),
      logger,
    ),
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/{*path}', 'metrics', 'fhir', 'fhir/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  const filter = new ProblemFilter(logger);
  app.useGlobalFilters(filter);
  /* Built on the first request for it, not before the server listens: scanning every route costs ~0.2 s of start-up. */
  const document = () =>
    completeApiContract(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle(title)
          .setDescription('Event-sourced vein-to-vein blood traceability')
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
      routeAccessOf(app),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  await app.init();
  /* Body-parser errors happen before Nest's routing, so they reach Express's error chain. */
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) =>
    filter.catch(error, {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    } as never),
  );
  return app;
};
