import type { NextFunction, Request, Response } from 'express';
import { newId } from '@hemotrace/kernel';
import type { Logger } from '../logger';
import { systemClock } from '../system-clock';

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's correlation id (or makes one), stamps the arrival time and logs the request. */
export const correlationMiddleware =
  (logger: Logger) =>
  (
    request: Request & { correlationId?: string; receivedAt?: string },
    response: Response,
    next: NextFunction,
  ) => {
    const given = request.header('x-correlation-id');
    request.correlationId = given && CORRELATION.test(given) ? given : newId();
    request.receivedAt = systemClock.now().toISOString();
    response.setHeader('x-correlation-id', request.correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const actor = (request as { actor?: { userId: string; role: string } }).actor;
      logger.info(
        {
          correlationId: request.correlationId,
          method: request.method,
          path: request.originalUrl,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          userId: actor?.userId,
          role: actor?.role,
        },
        'request',
      );
    });
    next();
  };
