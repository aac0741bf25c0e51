import type { BusinessTimePolicy, LateEntry } from '@hemotrace/kernel';
import { BusinessTimesOutOfOrder, lateEntryField, notBefore } from '@hemotrace/kernel';

/**
 * A step staff record by hand at the time they state (21 CFR 11.10(e), EU GMP Annex 11 clause 9):
 * when it was entered, and why if that is late. Reactions carry none: their time is their cause's.
 */
export interface HandEntry {
  enteredAt: string;
  lateEntryReason?: string;
  policy: BusinessTimePolicy;
}

/**
 * A hand-entered step is not dated before the unit was prepared, nor more than the tolerance in
 * the future; one entered later than the threshold keeps its reason.
 */
export const handEntryOf = (
  unit: { unitId: string; preparedAt: string },
  field: string,
  at: string,
  entry: HandEntry | undefined,
): { lateEntry?: LateEntry } => {
  if (!entry) return {};
  if (!notBefore(at, unit.preparedAt)) {
    throw new BusinessTimesOutOfOrder(
      'COMP',
      `${field} ${at} is before unit ${unit.unitId} was prepared at ${unit.preparedAt}`,
      { unitId: unit.unitId, field, at, preparedAt: unit.preparedAt },
    );
  }
  return lateEntryField({
    context: 'COMP',
    field,
    occurredAt: at,
    now: entry.enteredAt,
    lateEntryReason: entry.lateEntryReason,
    policy: entry.policy,
  });
};
