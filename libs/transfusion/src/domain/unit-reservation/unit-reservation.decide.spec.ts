import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { UnitReservationEvent } from './unit-reservation.decide';
import { UnitAllocatedToAnotherRequest, unitReservationDecider } from './unit-reservation.decide';

const given = DeciderSpecification.for(unitReservationDecider);
const unitId = 'A999921123456-E0791V00';
const at = '2026-03-02T10:15:00.000Z';

const reserved = (requestId: string): UnitReservationEvent => ({
  type: 'UnitReservedForRequest',
  data: { unitId, requestId, reservedAt: '2026-03-02T09:00:00.000Z' },
});
const released = (requestId: string): UnitReservationEvent => ({
  type: 'UnitReservationReleased',
  data: { unitId, requestId, reason: 'RETURNED_TO_BLOOD_BANK', releasedAt: '2026-03-02T09:30:00.000Z' },
});

describe('holding a unit for one transfusion request', () => {
  it('reserves a free unit for the request that allocates it', () => {
    given([])
      .when({ type: 'ReserveUnitForRequest', unitId, requestId: 'R-1', at })
      .then([{ type: 'UnitReservedForRequest', data: { unitId, requestId: 'R-1', reservedAt: at } }]);
  });

  it('refuses a unit held for another request', () => {
    given([reserved('R-1')])
      .when({ type: 'ReserveUnitForRequest', unitId, requestId: 'R-2', at })
      .thenThrows(UnitAllocatedToAnotherRequest, 'TRANSFUSION.UNIT_ALLOCATED_ELSEWHERE');
  });

  it('lets a unit returned to the blood bank be held for another request', () => {
    given([reserved('R-1'), released('R-1')])
      .when({ type: 'ReserveUnitForRequest', unitId, requestId: 'R-2', at })
      .then([{ type: 'UnitReservedForRequest', data: { unitId, requestId: 'R-2', reservedAt: at } }]);
  });

  it('releases only the request that holds the unit', () => {
    given([reserved('R-1')])
      .when({ type: 'ReleaseUnitReservation', unitId, requestId: 'R-2', at })
      .thenNothingHappens();
    given([reserved('R-1')])
      .when({ type: 'ReleaseUnitReservation', unitId, requestId: 'R-1', at })
      .then([
        {
          type: 'UnitReservationReleased',
          data: { unitId, requestId: 'R-1', reason: 'RETURNED_TO_BLOOD_BANK', releasedAt: at },
        },
      ]);
  });
});
