import type { RecordedEvent } from '../envelope';

/**
 * Turns the data of one stored event type from `fromVersion` into `fromVersion + 1`. Old shapes
 * stay in the store untouched (the hash chain covers them); readers only ever see the current one.
 */
export interface Upcaster<From = unknown, To = unknown> {
  type: string;
  fromVersion: number;
  upcast(data: From, event: RecordedEvent): To;
}

/** The shape as stored, kept on an event an upcaster changed: what the hash covers. */
export interface StoredShape {
  schemaVersion: number;
  data: unknown;
}

export class UpcasterRegistry {
  private readonly chains = new Map<string, Map<number, Upcaster>>();

  register(...upcasters: Upcaster<never, unknown>[]): void {
    for (const upcaster of upcasters as Upcaster[]) {
      if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
        throw new Error(`An upcaster starts from a positive version; got ${upcaster.fromVersion}`);
      }
      const chain = this.chains.get(upcaster.type) ?? new Map<number, Upcaster>();
      const known = chain.get(upcaster.fromVersion);
      if (known && known !== upcaster) {
        throw new Error(`${upcaster.type} already has an upcaster from version ${upcaster.fromVersion}`);
      }
      chain.set(upcaster.fromVersion, upcaster);
      this.chains.set(upcaster.type, chain);
    }
  }

  /** The version new events of this type are written in: one past the last upcaster. */
  currentVersion(type: string): number {
    const chain = this.chains.get(type);
    return chain ? Math.max(...chain.keys()) + 1 : 1;
  }

  /** The event in its current shape; the same object when nothing applies. */
  upcast(event: RecordedEvent): RecordedEvent {
    const chain = this.chains.get(event.type);
    if (!chain) return event;
    let version = event.schemaVersion || 1;
    let data = event.data;
    for (let step = chain.get(version); step; step = chain.get(version)) {
      data = step.upcast(structuredClone(data), event);
      version += 1;
    }
    if (version === (event.schemaVersion || 1)) return event;
    const stored: StoredShape = event.storedAs ?? { schemaVersion: event.schemaVersion, data: event.data };
    return { ...event, schemaVersion: version, data, storedAs: stored };
  }
}

/**
 * The process's registry: each decider registers its upcasters beside it (`<name>.upcasters.ts`),
 * and stores opened by the platform read through it.
 */
export const upcasters = new UpcasterRegistry();
