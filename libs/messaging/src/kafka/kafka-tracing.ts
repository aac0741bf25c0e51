import type { Span } from '@opentelemetry/api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RecordedEvent } from '@hemotrace/event-sourcing';
import {
  activeTraceparent,
  contextFromTraceparent,
  hemotraceTracer,
  inSpan,
} from '@hemotrace/event-sourcing';
import type { KafkaRecord, RawHeaders } from './cloudevents';
import { headerText } from './cloudevents';

/** W3C trace context header of every published record (the same name HTTP uses). */
export const TRACEPARENT_HEADER = 'traceparent';

/**
 * A producer span for one relayed event, child of the append that recorded it (its stored
 * traceparent), and the record carrying that span's context. Without an SDK the span is the
 * API's no-op, and the record still carries the stored context unchanged.
 */
export const startPublishSpan = (
  recorded: Pick<RecordedEvent, 'traceparent' | 'eventId' | 'type'>,
  topic: string,
  record: KafkaRecord,
): Span => {
  const parent = contextFromTraceparent({ traceparent: recorded.traceparent }, ROOT_CONTEXT);
  const span = hemotraceTracer().startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': recorded.eventId,
        'messaging.kafka.message.key': record.key,
        'hemotrace.event.type': recorded.type,
      },
    },
    parent,
  );
  const traceparent = activeTraceparent(trace.setSpan(parent, span)) ?? recorded.traceparent;
  if (traceparent) record.headers[TRACEPARENT_HEADER] = traceparent;
  return span;
};

export const endPublishSpans = (spans: readonly Span[], error?: unknown): void => {
  for (const span of spans) {
    if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
    span.end();
  }
};

/** A consumer span for one received record, child of the producer span its header names. */
export const inConsumeSpan = <T>(
  topic: string,
  message: { key?: Buffer | string | null; headers?: RawHeaders },
  group: string,
  work: () => Promise<T>,
): Promise<T> =>
  inSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      parent: contextFromTraceparent(
        { traceparent: headerText(message.headers, TRACEPARENT_HEADER) },
        ROOT_CONTEXT,
      ),
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': group,
        ...(message.key ? { 'messaging.kafka.message.key': message.key.toString() } : {}),
      },
    },
    work,
  );
