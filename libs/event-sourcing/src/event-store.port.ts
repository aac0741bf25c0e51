import type { Actor } from '@hemotrace/kernel';
import type { RecordedEvent } from './envelope';

/** `no_stream`: the stream must not exist; `any`: no check; a number: the stream's current last version. */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface NewEvent {
  type: string;
  data: unknown;
  schemaVersion?: number;
  /** Defaults to a fresh UUIDv7. */
  eventId?: string;
  /** Defaults to the metadata's occurredAt. */
  occurredAt?: string;
}

export interface AppendMetadata {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** Idempotency key: a second append with the same (stream, commandId) writes nothing and returns the first result. */
  commandId?: string | null;
  occurredAt: string;
  /** W3C `traceparent` of the writing request, kept unhashed with each event (envelope.ts). */
  traceparent?: string;
}

export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
  metadata: AppendMetadata;
}

export interface AppendResult {
  streamId: string;
  /** The stream's last version after the append. */
  version: number;
  events: RecordedEvent[];
  /** True when the commandId had already been appended: nothing new was written. */
  duplicate: boolean;
}

/**
 * Where a reader of the global log stands. Opaque to callers: SQLite uses the global position,
 * PostgreSQL the (transaction id, position) pair, KurrentDB the $all commit position.
 */
export type LogCheckpoint = string;

export const LOG_START: LogCheckpoint = '';

export interface LogBatch {
  events: RecordedEvent[];
  /** Where to continue from; unchanged when the batch is empty. */
  checkpoint: LogCheckpoint;
}

export interface ReadAllOptions {
  types?: readonly string[];
}

export interface ReadStreamOptions {
  /** Only events recorded at or before this instant: what the system knew then. */
  recordedUpTo?: string;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  batchSize?: number;
  /** How often to look for new events when no append in this process woke the reader. */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

export type StoreKind = 'memory' | 'sqlite' | 'postgres' | 'kurrentdb';

export interface EventStore {
  readonly kind: StoreKind;
  append(request: AppendRequest): Promise<AppendResult>;
  /**
   * One fact written to several streams, each with its own expected version: every stream is
   * written or none is (ConcurrencyError names the first stream that was not where expected). When
   * every stream already holds the commandId, the append is a retry: nothing is written and the
   * first events come back. When only some do, a concurrent twin got there first: ConcurrencyError,
   * nothing written (to complete a fact that older, non-atomic code left half written, append only
   * the missing streams). Results come back in the order of the requests.
   */
  appendMany(requests: AppendRequest[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Events strictly after the checkpoint, in global order, never skipping one. With `types`, an
   * adapter may leave out other types (the checkpoint still moves past them); callers filter anyway.
   */
  readAll(after: LogCheckpoint, limit: number, options?: ReadAllOptions): Promise<LogBatch>;
  /**
   * Waits until readAll returns every append this process has acknowledged; false when they are
   * still held back after timeoutMs (PostgreSQL reads the log only below the oldest running
   * transaction of the whole server). Stores that read their own writes at once need not define it.
   */
  ownWritesReadable?(timeoutMs: number): Promise<boolean>;
  /** Follows the global log from a checkpoint; the handler's batches arrive in order, one at a time. */
  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription;
  /** Copies an event exactly as recorded elsewhere (migration between stores): ids, times and hashes kept. */
  importRecorded(events: RecordedEvent[]): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
