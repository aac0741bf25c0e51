import type { DocumentWriter } from '@hemotrace/event-sourcing';
import type { BoundedContextName, IntegrationEvent } from './contracts/integration-event';

/**
 * Subscribes to integration events. Runs at least once per event; the bus skips events this
 * handler already processed (dedupe by event id) and commits the handler's document writes
 * together with that marker. Commands it sends must still be idempotent (commandId from the event id).
 */
export interface IntegrationEventHandler {
  /** Durable and unique: the Kafka consumer group, or the in-process checkpoint name. */
  readonly name: string;
  /** Whose topics it reads. */
  readonly contexts: readonly BoundedContextName[];
  /** Contract types it handles (`laboratory.DonationQualified.v1`); all of those contexts' when absent. */
  readonly types?: readonly string[];
  handle(event: IntegrationEvent, tx: DocumentWriter): Promise<void>;
}

/**
 * A read model of one context fed by other contexts' contracts (lineage, donation facts, hospital
 * stock): the one channel for cross-context facts. It folds published contracts, never another
 * context's stored events, with the same retries and dead letters as every handler.
 *
 * In one process the log is the bus: it runs among the projections, from its own checkpoint
 * committed with its documents (which is its idempotency), queries read their own writes through
 * it, and a rebuild replays it. Across services it is one more consumer group, deduplicated by
 * event id, whose documents are cleared when it first starts on a store.
 */
export interface ContractProjection extends IntegrationEventHandler {
  /** Collections it owns: cleared on rebuild and when it starts on a store for the first time. */
  readonly collections: readonly string[];
  /** Indexes to create per collection: each entry a list of (dotted) fields. */
  readonly indexes?: Readonly<Record<string, readonly (readonly string[])[]>>;
}

export interface RetryPolicy {
  /** Attempts before the event goes to the dead-letter destination. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

export const backoffDelay = (policy: RetryPolicy, failedAttempts: number): number =>
  Math.min(policy.initialDelayMs * 2 ** (failedAttempts - 1), policy.maxDelayMs);

export type BusKind = 'in-process' | 'kafka';

/** The same subscription interface in one process (the log is the bus) and across services (Kafka). */
export interface IntegrationBus {
  readonly kind: BusKind;
  /** Before start(); typically from a module's onModuleInit. */
  subscribe(handler: IntegrationEventHandler): void;
  /** Before start(): a read model fed by contracts (see ContractProjection). */
  project(projection: ContractProjection): void;
  /** A subscribed handler by name (to replay its dead letters). */
  handler(name: string): IntegrationEventHandler | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const INTEGRATION_BUS = Symbol('IntegrationBus');

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const describeError = (error: unknown): { name: string; message: string } =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
