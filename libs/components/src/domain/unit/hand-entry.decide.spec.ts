import { DEFAULT_BUSINESS_TIME_POLICY, DomainError } from '@hemotrace/kernel';
import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { unitDecider } from './unit.decide';
import { at, prepared, quarantined, RED } from './unit.fixtures';

/**
 * Steps staff record by hand (discard, storage, quality decision) take the time they state: not
 * before the unit was prepared (at(2)), at most 5 min ahead, late entries over 24 h with a reason.
 */
const given = DeciderSpecification.for(unitDecider);
const REASON = 'Night shift log, entered in the morning';
const entered = (hours: number, lateEntryReason?: string) => ({
  enteredAt: at(hours),
  ...(lateEntryReason ? { lateEntryReason } : {}),
  policy: DEFAULT_BUSINESS_TIME_POLICY,
});
const discard = (when: number, entry = entered(when)) =>
  ({
    type: 'DiscardUnit',
    reason: 'DAMAGED',
    automatic: false,
    siteId: 'BC-1',
    at: at(when),
    entry,
  }) as const;

describe('a hand discard at its business time', () => {
  it('dates the discard at the stated time', () => {
    given([prepared()])
      .when(discard(4, entered(6)))
      .then([{ type: 'UnitDiscarded', data: { unitId: RED, reason: 'DAMAGED', discardedAt: at(4) } }]);
  });

  it('keeps the reason of a discard entered more than 24 h after it', () => {
    given([prepared()])
      .when(discard(4, entered(40, REASON)))
      .then([
        {
          type: 'UnitDiscarded',
          data: {
            unitId: RED,
            reason: 'DAMAGED',
            discardedAt: at(4),
            lateEntry: { reason: REASON, delayMinutes: 36 * 60 },
          },
        },
      ]);
  });

  it('refuses a discard dated before the unit was prepared, late without a reason, or in the future', () => {
    given([prepared()])
      .when(discard(1, entered(3)))
      .thenThrows(DomainError, 'COMP.BUSINESS_TIMES_OUT_OF_ORDER');
    given([prepared()])
      .when(discard(4, entered(40)))
      .thenThrows(DomainError, 'COMP.LATE_ENTRY_REASON_REQUIRED');
    given([prepared()])
      .when(discard(4, entered(3)))
      .thenThrows(DomainError, 'COMP.BUSINESS_TIME_IN_FUTURE');
  });

  it('dates a quality decision at the stated time', () => {
    given([prepared(), quarantined('exc-1')])
      .when({
        type: 'RecordQualityDecision',
        holdId: 'exc-1',
        decision: 'DISCARD',
        reason: 'Logger shows 12 C for 2 h',
        siteId: 'BC-1',
        at: at(5),
        entry: entered(30, REASON),
      })
      .then([
        {
          type: 'UnitQualityDecisionRecorded',
          data: {
            unitId: RED,
            holdId: 'exc-1',
            decision: 'DISCARD',
            reason: 'Logger shows 12 C for 2 h',
            decidedAt: at(5),
            lateEntry: { reason: REASON, delayMinutes: 25 * 60 },
          },
        },
        {
          type: 'UnitDiscarded',
          data: {
            unitId: RED,
            reason: 'TEMPERATURE_EXCURSION',
            note: 'Logger shows 12 C for 2 h',
            discardedAt: at(5),
            cause: { type: 'UnitQualityDecisionRecorded', reference: 'exc-1' },
          },
        },
      ]);
  });
});
