import { BusinessTimeInFuture, BusinessTimesOutOfOrder, notBefore } from '@hemotrace/kernel';

/** Device clocks drift: a stated business time up to this far ahead of entry is still accepted. */
export const FUTURE_TOLERANCE_MINUTES = 5;

/**
 * 21 CFR Part 11.10(e) / EU GMP Annex 11 clause 9: master data carries the business time it took
 * effect, which may be in the past (a site opened before it was entered) but not in the future.
 */
export const effectiveTimeIsNotInTheFuture = (field: string, at: string, now: string): void => {
  if (Date.parse(at) - Date.parse(now) > FUTURE_TOLERANCE_MINUTES * 60_000) {
    throw new BusinessTimeInFuture('SITES', field, at, now, FUTURE_TOLERANCE_MINUTES);
  }
};

/** A change to master data is dated no earlier than the fact it follows, so the history reads in order. */
export const changeFollowsTheRecord = (field: string, at: string, lastChangedAt: string): void => {
  if (!notBefore(at, lastChangedAt)) {
    throw new BusinessTimesOutOfOrder('SITES', `${field} ${at} is before ${lastChangedAt}`, {
      field,
      [field]: at,
      lastChangedAt,
    });
  }
};
