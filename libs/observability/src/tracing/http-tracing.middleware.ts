import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, Response } from 'express';
import { contextFromTraceparent, hemotraceTracer } from '@hemotrace/event-sourcing';

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * One server span per request, continuing the caller's W3C `traceparent`. The rest of the request
 * (guards, the handler, the command and its append) runs inside it, so their spans are its
 * children. The route is known only once the router matched, so the name is completed at the end.
 */
export const httpTracingMiddleware = () => (request: Request, response: Response, next: NextFunction) => {
  const parent = contextFromTraceparent(
    { traceparent: header(request, 'traceparent'), tracestate: header(request, 'tracestate') },
    ROOT_CONTEXT,
  );
  const span = hemotraceTracer().startSpan(
    request.method,
    {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: request.path },
    },
    parent,
  );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : undefined;
    if (route) {
      span.setAttribute(ATTR_HTTP_ROUTE, route);
      span.updateName(`${request.method} ${route}`);
    }
    const status = response.statusCode;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  response.on('finish', end);
  response.on('close', end);
  context.with(trace.setSpan(parent, span), next);
};
