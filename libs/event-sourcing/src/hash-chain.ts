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

export const computeEventHash = (prevHash: string, event: HashedFields): string =>
  sha256Hex(prevHash + canonicalJson(hashedView(event)));

export const eventHashIsValid = (event: RecordedEvent): boolean =>
  computeEventHash(event.prevHash, event) === event.hash;
