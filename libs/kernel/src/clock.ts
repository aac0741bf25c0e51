/** The only way time enters the system; the domain receives it inside commands. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

/** A clock for tests and demo data generation that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const addDays = (iso: string, days: number): string =>
  new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();

export const addHours = (iso: string, hours: number): string =>
  new Date(new Date(iso).getTime() + hours * HOUR_MS).toISOString();

/** Calendar months, as regulations count donor intervals ("6 months after whole blood"). */
export const addMonths = (iso: string, months: number): string => {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString();
};
