import type { DomainEvent, StreamCommand } from '@hemotrace/event-sourcing';
import { onStream } from '@hemotrace/event-sourcing';
import {
  unitReservationDecider,
  unitReservationStreamId,
} from '../../domain/unit-reservation/unit-reservation.decide';

/** The unit's own reservation, asked only when the request decided to allocate it. */
export const reservationIfAllocated = (unitId: string, requestId: string, at: string): StreamCommand =>
  onStream(unitReservationDecider, unitReservationStreamId(unitId), (earlier: readonly DomainEvent[]) =>
    earlier.some((e) => e.type === 'UnitAllocated')
      ? { type: 'ReserveUnitForRequest', unitId, requestId, at }
      : null,
  );

/** A unit back in the blood bank's stock is free for another request again. */
export const reservationReleasedIfReturned = (unitId: string, requestId: string, at: string): StreamCommand =>
  onStream(unitReservationDecider, unitReservationStreamId(unitId), (earlier: readonly DomainEvent[]) =>
    earlier.some((e) => e.type === 'UnitReturnedToBloodBank')
      ? { type: 'ReleaseUnitReservation', unitId, requestId, at }
      : null,
  );
