import type { UnitCause } from './components.contracts';

/** Why something happened to a unit, as published: the causing event's type and id, or a named reference. */
export interface UnitCauseV1 {
  type: string;
  eventId?: string;
  reference?: string;
}

export const unitCauseV1 = (cause: UnitCause): UnitCauseV1 => ({
  type: cause.type,
  ...(cause.eventId !== undefined ? { eventId: cause.eventId } : {}),
  ...(cause.reference !== undefined ? { reference: cause.reference } : {}),
});
