import { InvalidInput, newId } from '@hemotrace/kernel';
import type { RecordedEvent } from './envelope';
import { GENESIS_HASH } from './envelope';
import { ConcurrencyError } from './errors';
import { computeEventHash } from './hash-chain';
import type { AppendRequest, AppendResult, ExpectedVersion } from './event-store.port';

/** Shared by every adapter so that all of them build byte-identical envelopes and hashes. */
export const assertExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  if (expected === 'any') return;
  if (expected === 'no_stream' ? actual !== 0 : expected !== actual) {
    throw new ConcurrencyError(streamId, expected, actual);
  }
};

export const validateAppend = (request: AppendRequest): void => {
  if (!request.streamId || request.streamId.length > 200) {
    throw new InvalidInput('STORE.INVALID_STREAM_ID', 'A stream id of 1 to 200 characters is required');
  }
  if (request.events.length === 0)
    throw new InvalidInput('STORE.NOTHING_TO_APPEND', 'An append needs events');
  for (const event of request.events) {
    if (!event.type || typeof event.type !== 'string') {
      throw new InvalidInput('STORE.INVALID_EVENT_TYPE', 'Every event needs an explicit type name');
    }
  }
};

/**
 * Builds the envelopes and hash chain for a validated append; global positions are the store's to fill.
 * Each envelope is one object, its hash filled in last: the hash reads only the hashed fields.
 */
export const buildEnvelopes = (
  request: AppendRequest,
  head: { version: number; hash: string | null },
  recordedAt: string,
): Omit<RecordedEvent, 'globalPosition'>[] => {
  let prevHash = head.hash ?? GENESIS_HASH;
  const { metadata } = request;
  const envelopes: Omit<RecordedEvent, 'globalPosition'>[] = new Array(request.events.length);
  for (let index = 0; index < request.events.length; index += 1) {
    const event = request.events[index];
    const envelope: Omit<RecordedEvent, 'globalPosition'> = {
      eventId: event.eventId ?? newId(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId: request.streamId,
      streamVersion: head.version + index + 1,
      occurredAt: event.occurredAt ?? metadata.occurredAt,
      recordedAt,
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId ?? null,
      commandId: metadata.commandId ?? null,
      data: event.data,
      prevHash,
      hash: '',
    };
    envelope.hash = computeEventHash(prevHash, envelope);
    if (metadata.traceparent) envelope.traceparent = metadata.traceparent;
    prevHash = envelope.hash;
    envelopes[index] = envelope;
  }
  return envelopes;
};

/** Stream ids in one multi-stream append must be distinct: a stream's events go in one request. */
export const validateAppendMany = (requests: readonly AppendRequest[]): void => {
  if (requests.length === 0) throw new InvalidInput('STORE.NOTHING_TO_APPEND', 'An append needs events');
  const seen = new Set<string>();
  for (const request of requests) {
    validateAppend(request);
    if (seen.has(request.streamId)) {
      throw new InvalidInput(
        'STORE.STREAM_TWICE_IN_APPEND',
        `Stream ${request.streamId} appears twice in one multi-stream append`,
      );
    }
    seen.add(request.streamId);
  }
};

/**
 * A multi-stream append where some streams already hold the commandId and others do not means a
 * concurrent twin of the command got there between the caller's read and its append: what the
 * caller decided for the other streams is not what the twin decided, so nothing is written and the
 * caller decides again (ConcurrencyError). A whole retry (every stream a duplicate) is answered.
 */
export const refuseMixedDuplicates = (
  requests: readonly AppendRequest[],
  results: readonly Pick<AppendResult, 'duplicate' | 'version'>[],
): void => {
  const duplicate = results.findIndex((r) => r.duplicate);
  if (duplicate === -1 || results.every((r) => r.duplicate)) return;
  const request = requests[duplicate];
  throw new ConcurrencyError(request.streamId, request.expectedVersion, results[duplicate].version);
};

/**
 * An envelope as the stores' events tables take it, column by column: event id, stream, version,
 * type, schema version, business and record time, actor, correlation, causation, command id, data,
 * previous hash, hash, trace context. The JSON columns are serialized as stored.
 */
export type EnvelopeColumns = [
  string,
  string,
  number,
  string,
  number,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  string,
  string,
  string,
  string | null,
];

export const envelopeColumns = (e: Omit<RecordedEvent, 'globalPosition'>): EnvelopeColumns => [
  e.eventId,
  e.streamId,
  e.streamVersion,
  e.type,
  e.schemaVersion,
  e.occurredAt,
  e.recordedAt,
  JSON.stringify(e.actor),
  e.correlationId,
  e.causationId,
  e.commandId,
  JSON.stringify(e.data),
  e.prevHash,
  e.hash,
  e.traceparent ?? null,
];
