import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { tap } from 'rxjs';

/**
 * A command's reply names the global log position of the last event it wrote; a query that sends
 * that position back is answered once the read models have reached it (read-your-writes across
 * requests, instances or processes that follow the same log).
 */
export const LOG_POSITION_HEADER = 'x-hemotrace-position';

interface RequestPositions {
  /** The caller asks for read models that have handled the log up to here. */
  minPosition?: number;
  /** The last position this request appended. */
  written?: number;
}

const positions = new AsyncLocalStorage<RequestPositions>();

const POSITION = /^\d{1,15}$/;

export const logPositionMiddleware = (request: Request, _response: Response, next: NextFunction) => {
  const given = request.header(LOG_POSITION_HEADER);
  positions.run(given && POSITION.test(given) ? { minPosition: Number(given) } : {}, next);
};

/** The position a query of this request must wait for, if the caller sent one. */
export const requestedLogPosition = (): number | undefined => positions.getStore()?.minPosition;

/** Called by the command path with the global position of events it appended. */
export const noteWrittenLogPosition = (position: number): void => {
  const store = positions.getStore();
  if (store && position > (store.written ?? 0)) store.written = position;
};

@Injectable()
export class LogPositionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap(() => {
        const written = positions.getStore()?.written;
        const response = context.switchToHttp().getResponse<Response | undefined>();
        if (written !== undefined && response && !response.headersSent)
          response.setHeader(LOG_POSITION_HEADER, String(written));
      }),
    );
  }
}
