import { DomainError } from '../errors';

/**
 * How a jurisdiction treats the business time a user states for a past fact (21 CFR Part 11.10(e),
 * EU GMP Annex 11 clause 9: the record shows when it was made and, for a late entry, why).
 */
export interface BusinessTimePolicy {
  /** Clocks on devices drift: a business time this far after the record time is still accepted. */
  futureToleranceMinutes: number;
  /** A fact recorded more than this after it happened is a late entry and needs a reason. */
  lateEntryAfterHours: number;
}

export const DEFAULT_BUSINESS_TIME_POLICY: BusinessTimePolicy = {
  futureToleranceMinutes: 5,
  lateEntryAfterHours: 24,
};

/** Kept on the event of a fact entered late: why, and how long after the fact it was entered. */
export interface LateEntry {
  reason: string;
  delayMinutes: number;
}

export class BusinessTimeInFuture extends DomainError {
  constructor(context: string, field: string, occurredAt: string, now: string, toleranceMinutes: number) {
    super(
      `${context}.BUSINESS_TIME_IN_FUTURE`,
      `${field} ${occurredAt} is more than ${toleranceMinutes} min after the time of entry ${now}`,
      { field, occurredAt, now, toleranceMinutes },
    );
  }
}

export class LateEntryReasonRequired extends DomainError {
  constructor(context: string, field: string, occurredAt: string, now: string, afterHours: number) {
    super(
      `${context}.LATE_ENTRY_REASON_REQUIRED`,
      `${field} ${occurredAt} is more than ${afterHours} h before the time of entry ${now}: give a lateEntryReason`,
      { field, occurredAt, now, lateEntryAfterHours: afterHours },
    );
  }
}

export class BusinessTimesOutOfOrder extends DomainError {
  constructor(context: string, message: string, details: Record<string, unknown>) {
    super(`${context}.BUSINESS_TIMES_OUT_OF_ORDER`, message, details);
  }
}

const MINUTE_MS = 60_000;

export interface StatedBusinessTime {
  /** The error code prefix of the context deciding, e.g. `COLLECTION`. */
  context: string;
  /** The request field that states the time, named in the error. */
  field: string;
  occurredAt: string;
  /** When the system is told (the command's time of entry). */
  now: string;
  lateEntryReason?: string;
  policy: BusinessTimePolicy;
}

/**
 * A stated business time is not in the future (beyond the tolerance); one older than the
 * late-entry threshold needs a reason, returned to be kept on the event. Undefined: on time.
 */
export const lateEntryOf = (stated: StatedBusinessTime): LateEntry | undefined => {
  const { context, field, occurredAt, now, policy } = stated;
  const delay = Date.parse(now) - Date.parse(occurredAt);
  if (-delay > policy.futureToleranceMinutes * MINUTE_MS) {
    throw new BusinessTimeInFuture(context, field, occurredAt, now, policy.futureToleranceMinutes);
  }
  if (delay <= policy.lateEntryAfterHours * 60 * MINUTE_MS) return undefined;
  const reason = stated.lateEntryReason?.trim();
  if (!reason) throw new LateEntryReasonRequired(context, field, occurredAt, now, policy.lateEntryAfterHours);
  return { reason, delayMinutes: Math.floor(delay / MINUTE_MS) };
};

/** `{ lateEntry }` to spread into an event's data, or nothing when the fact was entered on time. */
export const lateEntryField = (stated: StatedBusinessTime): { lateEntry?: LateEntry } => {
  const lateEntry = lateEntryOf(stated);
  return lateEntry ? { lateEntry } : {};
};

/** `later` is not before `earlier` (both ISO instants). */
export const notBefore = (later: string, earlier: string): boolean =>
  Date.parse(later) >= Date.parse(earlier);
