import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

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
  response?: Response;
}

const positions = new AsyncLocalStorage<RequestPositions>();

const POSITION = /^\d{1,15}$/;

export const logPositionMiddleware = (request: Request, response: Response, next: NextFunction) => {
  const given = request.header(LOG_POSITION_HEADER);
  positions.run(
    given && POSITION.test(given) ? { minPosition: Number(given), response } : { response },
    next,
  );
};

/** The position a query of this request must wait for, if the caller sent one. */
export const requestedLogPosition = (): number | undefined => positions.getStore()?.minPosition;

/**
 * Called by the command path with the global position of events it appended; the reply names it
 * (set here rather than by an interceptor: Nest wraps every request of an app with any global
 * interceptor in an rxjs pipeline and AsyncResource.bind, a cost on every route).
 */
export const noteWrittenLogPosition = (position: number): void => {
  const store = positions.getStore();
  if (!store || position <= (store.written ?? 0)) return;
  store.written = position;
  if (store.response && !store.response.headersSent)
    store.response.setHeader(LOG_POSITION_HEADER, String(position));
};
