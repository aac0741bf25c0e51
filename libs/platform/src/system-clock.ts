import type { Clock } from '@hemotrace/kernel';

/** The wall clock, read only at the edge and passed into commands. */
export const systemClock: Clock = { now: () => new Date() };
