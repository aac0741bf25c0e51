import type { BusinessTimePolicy, LateEntry } from '@hemotrace/kernel';
import { BusinessTimesOutOfOrder, lateEntryField, notBefore } from '@hemotrace/kernel';
import type { Given } from './transfusion-request.guards';

/**
 * The business time a user states for a step done at the blood bank or the bedside (21 CFR
 * 11.10(e), EU GMP Annex 11 clause 9): when it happened, and why it is entered late if it is.
 * Absent: the step happened when it is entered.
 */
export interface StatedTime {
  occurredAt?: string;
  lateEntryReason?: string;
  timePolicy: BusinessTimePolicy;
}

export interface FactTime {
  /** When the step happened: every clock of the step (expiry, sample validity) reads this. */
  at: string;
  late: { lateEntry?: LateEntry };
}

/** A stated time is not in the future (beyond the tolerance); a late one carries its reason. */
export const factTime = (cmd: Given & StatedTime, field: string): FactTime => {
  const at = cmd.occurredAt ?? cmd.now;
  const late = lateEntryField({
    context: 'TRANSFUSION',
    field,
    occurredAt: at,
    now: cmd.now,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.timePolicy,
  });
  return { at, late };
};

/** A step cannot be dated before the step it follows (the unit's previous step on this request). */
export const assertAfterPreviousStep = (
  unitId: string,
  field: string,
  at: string,
  previous: { step: string; at: string } | null,
): void => {
  if (previous && !notBefore(at, previous.at)) {
    throw new BusinessTimesOutOfOrder(
      'TRANSFUSION',
      `${field} ${at} is before the unit's ${previous.step} at ${previous.at}`,
      { unitId, field, at, previousStep: previous.step, previousAt: previous.at },
    );
  }
};
