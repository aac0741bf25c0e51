import type { Decider } from '@hemotrace/event-sourcing';
import { ConflictError } from '@hemotrace/kernel';

/**
 * One stream per unit, owned by the transfusion context (components' Unit- streams are never
 * appended to here): the store's expected-version check on it is what keeps two requests from
 * allocating one unit at the same moment. Written in the same atomic append as the allocation.
 */
export const unitReservationStreamId = (unitId: string): string => `UnitAllocation-${unitId}`;

export interface UnitReservedForRequest {
  type: 'UnitReservedForRequest';
  data: { unitId: string; requestId: string; reservedAt: string };
}

export interface UnitReservationReleased {
  type: 'UnitReservationReleased';
  data: { unitId: string; requestId: string; reason: 'RETURNED_TO_BLOOD_BANK'; releasedAt: string };
}

export type UnitReservationEvent = UnitReservedForRequest | UnitReservationReleased;

export type UnitReservationCommand =
  | { type: 'ReserveUnitForRequest'; unitId: string; requestId: string; at: string }
  | { type: 'ReleaseUnitReservation'; unitId: string; requestId: string; at: string };

export type UnitReservationState = { status: 'Free' } | { status: 'Reserved'; requestId: string };

export class UnitAllocatedToAnotherRequest extends ConflictError {
  constructor(unitId: string) {
    super(
      'TRANSFUSION.UNIT_ALLOCATED_ELSEWHERE',
      `Unit ${unitId} is allocated to another request; it must come back to the blood bank first`,
      { unitId },
    );
  }
}

/** One unit, one recipient: a unit held for a request may not be allocated to another until it is returned. */
export const aUnitIsHeldForOneRequestAtATime = (state: UnitReservationState, requestId: string): boolean =>
  state.status === 'Free' || state.requestId === requestId;

const decide = (command: UnitReservationCommand, state: UnitReservationState): UnitReservationEvent[] => {
  switch (command.type) {
    case 'ReserveUnitForRequest':
      if (!aUnitIsHeldForOneRequestAtATime(state, command.requestId)) {
        throw new UnitAllocatedToAnotherRequest(command.unitId);
      }
      return state.status === 'Reserved'
        ? []
        : [
            {
              type: 'UnitReservedForRequest',
              data: { unitId: command.unitId, requestId: command.requestId, reservedAt: command.at },
            },
          ];
    case 'ReleaseUnitReservation':
      return state.status === 'Reserved' && state.requestId === command.requestId
        ? [
            {
              type: 'UnitReservationReleased',
              data: {
                unitId: command.unitId,
                requestId: command.requestId,
                reason: 'RETURNED_TO_BLOOD_BANK',
                releasedAt: command.at,
              },
            },
          ]
        : [];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
};

const evolve = (state: UnitReservationState, event: UnitReservationEvent): UnitReservationState => {
  switch (event.type) {
    case 'UnitReservedForRequest':
      return { status: 'Reserved', requestId: event.data.requestId };
    case 'UnitReservationReleased':
      return { status: 'Free' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

export const unitReservationDecider: Decider<
  UnitReservationCommand,
  UnitReservationEvent,
  UnitReservationState
> = { initialState: { status: 'Free' }, decide, evolve };
