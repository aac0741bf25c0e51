import type { Actor } from '@hemotrace/kernel';

/** The stored envelope of every event (ARCHITECTURE.md). Never edited once recorded. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  streamId: string;
  /** 1-based position inside the stream. */
  streamVersion: number;
  /** Position in the store's global log; assigned by the store. Not part of the hash. */
  globalPosition: number;
  /** Business time: when it happened. */
  occurredAt: string;
  /** Store time: when the system learnt it. */
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  commandId: string | null;
  data: Data;
  /** Hash of the previous event of the stream (the genesis hash for the first). */
  prevHash: string;
  /** SHA-256(prevHash + canonical event). */
  hash: string;
  /**
   * Set on read when an upcaster changed the event: its schema version and data as stored, which
   * is what the hash covers. Never stored.
   */
  storedAs?: { schemaVersion: number; data: unknown };
  /**
   * W3C trace context of the request that wrote the event, so that work done later from the log
   * (the Kafka relay) joins the same trace. Telemetry, not part of the record: it is not hashed,
   * like the store-assigned fields, so exports keep verifying with the published field list
   * (docs/verify_export.py) whether tracing was on or off.
   */
  traceparent?: string;
}

/** The part of the envelope that is hashed: everything the store does not assign on its own. */
export type HashedFields = Omit<
  RecordedEvent,
  'globalPosition' | 'prevHash' | 'hash' | 'storedAs' | 'traceparent'
> & {
  storedAs?: RecordedEvent['storedAs'];
};

export const GENESIS_HASH = '0'.repeat(64);
