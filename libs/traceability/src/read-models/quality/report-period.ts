import { isISO8601 } from 'class-validator';
import { InvalidInput } from '@hemotrace/kernel';
import type { Period } from '../findings/findings.query';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant says its offset: a local time without one would mean a different instant per server. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

const refused = (message: string, details: Record<string, unknown>) =>
  new InvalidInput('TRACE.INVALID_PERIOD', message, details);

const bound = (name: 'from' | 'to', value: string | undefined): string => {
  if (value === undefined || value === '') throw refused(`${name} is required`, { [name]: value ?? null });
  if (!isISO8601(value, { strict: true, strictSeparator: true }))
    throw refused(`${name} must be an ISO 8601 date or instant`, { [name]: value });
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    return new Date(name === 'from' ? start : start + DAY_MS).toISOString();
  }
  if (!INSTANT.test(value))
    throw refused(`${name} must give its time with an offset (Z or +hh:mm), or be a date alone`, {
      [name]: value,
    });
  return new Date(value).toISOString();
};

/**
 * A report period bounded by instants: [from, to). A date alone means whole UTC days, both included:
 * `from=2026-03-01` starts at 2026-03-01T00:00Z, `to=2026-03-31` ends at 2026-04-01T00:00Z.
 */
export const parseReportPeriod = (from: string | undefined, to: string | undefined): Period => {
  const period = { from: bound('from', from), to: bound('to', to) };
  if (period.from >= period.to) throw refused('from must be before to', period);
  return period;
};

/** The period of the same length just before. */
export const previousPeriod = (period: Period): Period => {
  const length = Date.parse(period.to) - Date.parse(period.from);
  return { from: new Date(Date.parse(period.from) - length).toISOString(), to: period.from };
};
