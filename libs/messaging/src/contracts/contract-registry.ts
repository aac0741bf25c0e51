import type { RecordedEvent } from '@hemotrace/event-sourcing';
import type { BoundedContextName, IntegrationEvent } from './integration-event';
import { BOUNDED_CONTEXTS, contractTypeName, sourceOf } from './integration-event';
import {
  DEFAULT_STREAM_CATEGORIES,
  isPersonalDataCategory,
  isSystemCategory,
  streamCategory,
} from './stream-context';

export interface ContractMapping<Data = unknown> {
  context: BoundedContextName;
  /** The stored event type in that context's streams (`DonationQualified`). */
  storedType: string;
  /** The published fact (`DonationQualified`); the full type is `<context>.<contractType>.v<version>`. */
  contractType: string;
  version: number;
  /** The contract's data; `null` keeps this particular event inside the process. */
  toContract(recorded: RecordedEvent): Data | null;
}

export type Routing =
  | { publish: true; context: BoundedContextName; event: IntegrationEvent }
  | {
      publish: false;
      reason: 'personal-data' | 'system' | 'unroutable' | 'unregistered' | 'withheld';
      category: string;
    };

const FACT_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Each subscriber's own copy of the contract data, so a handler that changes its event leaves the
 * stored event alone (the runner hands the same recorded events to every processor of a batch).
 * Contract data is JSON-shaped: plain objects and arrays are copied here, several times faster
 * than structuredClone, which a rebuild would otherwise pay on every contract it folds; any other
 * value goes through structuredClone, which copies it or throws as before.
 */
const copyOf = (value: unknown): unknown => {
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copyOf((value as Record<string, unknown>)[key]);
    /* A parsed "__proto__" key is an own field: assigning it would set the copy's prototype. */
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = field;
  }
  return copy;
};

export interface ContractRegistryOptions {
  /**
   * Publish stored types without a contract as `<context>.<StoredType>.v<schemaVersion>` with the
   * data as stored. Only for tests and benchmarks of the relay's mechanics; an application never
   * sets it, so stored events stay private to their context.
   */
  publishUnregistered?: boolean;
}

/**
 * Maps stored events to integration events: only a stored type with a registered contract is
 * published, through its explicit mapper (libs/<context>/src/contracts/<fact>.v<n>.ts). Every other
 * stored event stays inside its context. Identity and system streams are never published; streams
 * of an unknown category are withheld (and reported) rather than guessed into a topic.
 */
export class ContractRegistry {
  private readonly mappings = new Map<string, ContractMapping>();
  /** Contract types already resolved to a stored type by a subscriber; a later contract may not contradict them. */
  private readonly resolved = new Map<string, string>();
  private readonly categories = new Map<string, BoundedContextName>(
    Object.entries(DEFAULT_STREAM_CATEGORIES),
  );

  constructor(private readonly options: ContractRegistryOptions = {}) {}

  registerContract<Data>(mapping: ContractMapping<Data>): void {
    if (!BOUNDED_CONTEXTS.includes(mapping.context)) throw new Error(`Unknown context ${mapping.context}`);
    if (!FACT_NAME.test(mapping.contractType)) {
      throw new Error(`Contract type must be a PascalCase fact, got ${mapping.contractType}`);
    }
    if (!Number.isInteger(mapping.version) || mapping.version < 1) {
      throw new Error(`Contract version must be a positive integer, got ${mapping.version}`);
    }
    const key = this.key(mapping.context, mapping.storedType);
    if (this.mappings.has(key)) throw new Error(`A contract is already registered for ${key}`);
    const type = contractTypeName(mapping.context, mapping.contractType, mapping.version);
    const assumed = this.resolved.get(type);
    if (assumed !== undefined && assumed !== mapping.storedType) {
      throw new Error(
        `${type} was subscribed to as stored type ${assumed} before its contract (stored type ${mapping.storedType}) was registered; register contracts first`,
      );
    }
    this.mappings.set(key, mapping as ContractMapping);
  }

  registerStreamCategory(category: string, context: BoundedContextName): void {
    const known = this.categories.get(category);
    if (known && known !== context) throw new Error(`Stream category ${category} belongs to ${known}`);
    this.categories.set(category, context);
  }

  contextOfStream(streamId: string): BoundedContextName | null {
    return this.categories.get(streamCategory(streamId)) ?? null;
  }

  /** The contract types published so far by registration (for documentation and tests). */
  registeredTypes(): string[] {
    return [...this.mappings.values()].map((m) => contractTypeName(m.context, m.contractType, m.version));
  }

  /**
   * The stored event types behind contract types, so an in-process subscriber reads only those
   * from the log: a registered contract's stored type, else (its publisher not registered yet) the
   * fact named in the type (`laboratory.DonationQualified.v1` -> `DonationQualified`), which a
   * later registration may not contradict.
   */
  storedTypesOf(contractTypes: readonly string[]): string[] {
    return contractTypes.map((type) => {
      const mapping = [...this.mappings.values()].find(
        (m) => contractTypeName(m.context, m.contractType, m.version) === type,
      );
      const stored = mapping?.storedType ?? type.split('.')[1] ?? type;
      this.resolved.set(type, stored);
      return stored;
    });
  }

  route(recorded: RecordedEvent): Routing {
    const category = streamCategory(recorded.streamId);
    if (isPersonalDataCategory(category)) return { publish: false, reason: 'personal-data', category };
    if (isSystemCategory(category)) return { publish: false, reason: 'system', category };
    const context = this.categories.get(category);
    if (!context) return { publish: false, reason: 'unroutable', category };
    const mapping = this.mappings.get(this.key(context, recorded.type));
    if (!mapping && !this.options.publishUnregistered) {
      return { publish: false, reason: 'unregistered', category };
    }
    const data = mapping ? mapping.toContract(recorded) : recorded.data;
    if (data === null) return { publish: false, reason: 'withheld', category };
    const type = mapping
      ? contractTypeName(context, mapping.contractType, mapping.version)
      : contractTypeName(context, recorded.type, recorded.schemaVersion || 1);
    return {
      publish: true,
      context,
      event: {
        id: recorded.eventId,
        type,
        source: sourceOf(context),
        subject: recorded.streamId,
        time: recorded.occurredAt,
        recordedAt: recorded.recordedAt,
        streamVersion: recorded.streamVersion,
        correlationId: recorded.correlationId,
        causationId: recorded.causationId,
        data: copyOf(data),
      },
    };
  }

  private key(context: string, storedType: string): string {
    return `${context}:${storedType}`;
  }
}
