import type { RecordedEvent } from './envelope';
import type { DocumentWriter } from './read-models/read-model-store.port';

/** Folds the global log into documents. Must be deterministic: a rebuild from 0 gives the same documents. */
export interface Projection {
  readonly name: string;
  /** Collections this projection owns; cleared on rebuild. */
  readonly collections: readonly string[];
  /** Indexes to create per collection: each entry a list of (dotted) fields. */
  readonly indexes?: Readonly<Record<string, readonly (readonly string[])[]>>;
  /** Event types it reads; all when absent. */
  readonly handles?: readonly string[];
  apply(event: RecordedEvent, tx: DocumentWriter): Promise<void> | void;
}

/**
 * Reacts to events by issuing commands (e.g. laboratory qualified -> components released). Runs
 * at least once per event, so every command it sends must be idempotent (commandId from the event).
 */
export interface Reactor {
  readonly name: string;
  readonly handles: readonly string[];
  react(event: RecordedEvent): Promise<void>;
}
