import { canonicalJson, sha256Hex } from './canonical';
import type { HashedFields, RecordedEvent } from './envelope';

/** An upcast event is verified against the shape it was stored in. */
const hashedView = (event: HashedFields): HashedFields => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.storedAs?.schemaVersion ?? event.schemaVersion,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.actor,
  correlationId: event.correlationId,
  causationId: event.causationId,
  commandId: event.commandId,
  data: event.storedAs ? event.storedAs.data : event.data,
});

const genericEnvelope = (event: HashedFields): string => canonicalJson(hashedView(event));

/**
 * The canonical JSON of the hashed fields, written in the fixed, sorted order of the envelope's
 * keys instead of collecting and sorting them for every event (only actor and data stay generic).
 * A missing field (which the generic form would drop) takes the generic path. Proven byte-identical
 * to the original form on every event of a generated store and of a store written before it
 * (hash-chain.spec.ts, demo-store-hashes.int.spec.ts).
 */
export const canonicalEnvelope = (e: HashedFields): string => {
  if (
    e.actor === undefined ||
    e.causationId === undefined ||
    e.commandId === undefined ||
    e.correlationId === undefined ||
    e.data === undefined ||
    e.eventId === undefined ||
    e.occurredAt === undefined ||
    e.recordedAt === undefined ||
    e.schemaVersion === undefined ||
    e.streamId === undefined ||
    e.streamVersion === undefined ||
    e.type === undefined
  )
    return genericEnvelope(e);
  return (
    `{"actor":${canonicalJson(e.actor)},"causationId":${canonicalJson(e.causationId)}` +
    `,"commandId":${canonicalJson(e.commandId)},"correlationId":${canonicalJson(e.correlationId)}` +
    `,"data":${canonicalJson(e.data)},"eventId":${canonicalJson(e.eventId)}` +
    `,"occurredAt":${canonicalJson(e.occurredAt)},"recordedAt":${canonicalJson(e.recordedAt)}` +
    `,"schemaVersion":${canonicalJson(e.schemaVersion)},"streamId":${canonicalJson(e.streamId)}` +
    `,"streamVersion":${canonicalJson(e.streamVersion)},"type":${canonicalJson(e.type)}}`
  );
};

export const computeEventHash = (prevHash: string, event: HashedFields): string =>
  sha256Hex(prevHash + canonicalEnvelope(event.storedAs ? hashedView(event) : event));

export const eventHashIsValid = (event: RecordedEvent): boolean =>
  computeEventHash(event.prevHash, event) === event.hash;
