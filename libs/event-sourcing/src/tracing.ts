import type { Attributes, Context, Span, SpanKind } from '@opentelemetry/api';
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/*
 * Libraries instrument through @opentelemetry/api only: until the tracing module of
 * @hemotrace/observability registers an SDK, every call below is the API's no-op.
 */

const TRACER_NAME = 'hemotrace';
const w3c = new W3CTraceContextPropagator();

/** Looked up on every use: a provider registered (or removed) after import is the one that counts. */
export const hemotraceTracer = () => trace.getTracer(TRACER_NAME);

/** The W3C `traceparent` of the active span, or undefined when no (sampled or unsampled) trace is active. */
export const activeTraceparent = (active: Context = context.active()): string | undefined => {
  const carrier: Record<string, string> = {};
  w3c.inject(active, carrier, defaultTextMapSetter);
  return carrier.traceparent;
};

/** The context a `traceparent` (and `tracestate`) carrier continues; the active one when it carries none. */
export const contextFromTraceparent = (
  carrier: Record<string, string | undefined>,
  parent: Context = context.active(),
): Context =>
  carrier.traceparent ? w3c.extract(parent, carrier as Record<string, string>, defaultTextMapGetter) : parent;

/** The stable code of a refused command (DomainError and ConcurrencyError carry one). */
export const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Runs `work` in a new active span, ends it however the work ends, and records a throw as the
 * span's error with its stable code (the throw itself is left to the caller).
 */
export const inSpan = <T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> =>
  hemotraceTracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        const code = errorCode(error);
        if (code) span.setAttribute('hemotrace.error.code', code);
        span.setStatus({ code: SpanStatusCode.ERROR, message: code ?? (error as Error)?.name });
        throw error;
      } finally {
        span.end();
      }
    },
  );
