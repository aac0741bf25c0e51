import type { HashedFields } from '../envelope';

/**
 * The canonical JSON the hash chain was first written with (kept verbatim, never to be optimised):
 * the faster serializers must produce exactly these bytes for every event.
 */
export const originalCanonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('Non-finite numbers cannot be stored');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : originalCanonicalJson(item))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${originalCanonicalJson(v)}`).join(',')}}`;
};

/** The hashed view of an envelope in the original form: every hashed field, through the generic serializer. */
export const originalCanonicalEnvelope = (event: HashedFields): string =>
  originalCanonicalJson({
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    commandId: event.commandId,
    data: event.data,
  });
