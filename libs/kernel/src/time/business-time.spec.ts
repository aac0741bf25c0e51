import {
  BusinessTimeInFuture,
  DEFAULT_BUSINESS_TIME_POLICY,
  LateEntryReasonRequired,
  lateEntryOf,
} from './business-time';

const now = '2026-03-10T12:00:00.000Z';
const stated = (occurredAt: string, lateEntryReason?: string) => ({
  context: 'TEST',
  field: 'occurredAt',
  occurredAt,
  now,
  policy: DEFAULT_BUSINESS_TIME_POLICY,
  ...(lateEntryReason === undefined ? {} : { lateEntryReason }),
});

describe('a stated business time', () => {
  it('is on time within 24 hours before entry', () => {
    expect(lateEntryOf(stated('2026-03-09T12:00:00.000Z'))).toBeUndefined();
  });
  it('accepts a device clock up to 5 minutes ahead', () => {
    expect(lateEntryOf(stated('2026-03-10T12:05:00.000Z'))).toBeUndefined();
  });
  it('refuses a time more than 5 minutes in the future with a stable code', () => {
    expect(() => lateEntryOf(stated('2026-03-10T12:05:01.000Z'))).toThrow(BusinessTimeInFuture);
    try {
      lateEntryOf(stated('2026-03-10T13:00:00.000Z'));
    } catch (error) {
      expect((error as BusinessTimeInFuture).code).toBe('TEST.BUSINESS_TIME_IN_FUTURE');
    }
  });
  it('needs a reason once it is more than 24 hours old', () => {
    expect(() => lateEntryOf(stated('2026-03-09T11:59:59.000Z'))).toThrow(LateEntryReasonRequired);
    expect(() => lateEntryOf(stated('2026-03-01T00:00:00.000Z', '  '))).toThrow(LateEntryReasonRequired);
  });
  it('keeps the reason and the delay in whole minutes', () => {
    expect(lateEntryOf(stated('2026-03-08T11:30:00.000Z', 'paper record from the mobile unit'))).toEqual({
      reason: 'paper record from the mobile unit',
      delayMinutes: 2 * 24 * 60 + 30,
    });
  });
});
