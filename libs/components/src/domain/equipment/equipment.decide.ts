import type { Decider } from '@hemotrace/event-sourcing';
import { ConflictError, DomainError, NotFoundError } from '@hemotrace/kernel';
import type { EquipmentKind } from '../catalog/product-catalog';
import type { EquipmentEvent } from './equipment.events';

export type EquipmentState =
  | { status: 'None' }
  | {
      status: 'Registered';
      siteId: string;
      equipmentId: string;
      kind: EquipmentKind;
      minC: number;
      maxC: number;
      /** Excursions reported so far: a storage entered later into one of their periods is held too. */
      excursions: ReportedExcursion[];
    };

export interface ReportedExcursion {
  excursionId: string;
  startedAt: string;
  endedAt: string;
  /** The excursion's event, the cause a unit's hold names. */
  eventId?: string;
}

export interface RegisterEquipment {
  type: 'RegisterEquipment';
  siteId: string;
  equipmentId: string;
  kind: EquipmentKind;
  minC: number;
  maxC: number;
  at: string;
}

export interface ReportTemperatureExcursion {
  type: 'ReportTemperatureExcursion';
  excursionId: string;
  startedAt: string;
  endedAt: string;
  observedC: number;
  at: string;
}

export type EquipmentCommand = RegisterEquipment | ReportTemperatureExcursion;

export class EquipmentAlreadyRegistered extends ConflictError {
  constructor(equipmentId: string) {
    super('COMP.EQUIPMENT_ALREADY_REGISTERED', `Equipment ${equipmentId} is already registered`, {
      equipmentId,
    });
  }
}

export class EquipmentNotFound extends NotFoundError {
  constructor(equipmentId: string) {
    super('COMP.EQUIPMENT_NOT_FOUND', `No equipment ${equipmentId} at this site`, { equipmentId });
  }
}

export class TemperatureRangeInvalid extends DomainError {
  constructor(minC: number, maxC: number) {
    super('COMP.TEMPERATURE_RANGE_INVALID', `The minimum ${minC} C is above the maximum ${maxC} C`, {
      minC,
      maxC,
    });
  }
}

export class ExcursionPeriodInvalid extends DomainError {
  constructor(startedAt: string, endedAt: string) {
    super('COMP.EXCURSION_PERIOD_INVALID', 'An excursion ends after it starts', { startedAt, endedAt });
  }
}

export class NotAnExcursion extends DomainError {
  constructor(observedC: number, minC: number, maxC: number) {
    super('COMP.NOT_AN_EXCURSION', `${observedC} C is within the equipment's range ${minC}..${maxC} C`, {
      observedC,
      minC,
      maxC,
    });
  }
}

export const registerEquipment = (cmd: RegisterEquipment, state: EquipmentState): EquipmentEvent[] => {
  if (state.status !== 'None') throw new EquipmentAlreadyRegistered(cmd.equipmentId);
  if (cmd.minC > cmd.maxC) throw new TemperatureRangeInvalid(cmd.minC, cmd.maxC);
  const { siteId, equipmentId, kind, minC, maxC } = cmd;
  return [
    { type: 'EquipmentRegistered', data: { siteId, equipmentId, kind, minC, maxC, registeredAt: cmd.at } },
  ];
};

/** GB 18469 / 21 CFR 606.60: storage outside the equipment's validated range is an excursion to be investigated. */
export const reportTemperatureExcursion = (
  cmd: ReportTemperatureExcursion,
  state: EquipmentState,
): EquipmentEvent[] => {
  if (state.status === 'None') throw new EquipmentNotFound('');
  if (cmd.endedAt < cmd.startedAt) throw new ExcursionPeriodInvalid(cmd.startedAt, cmd.endedAt);
  if (cmd.observedC >= state.minC && cmd.observedC <= state.maxC) {
    throw new NotAnExcursion(cmd.observedC, state.minC, state.maxC);
  }
  return [
    {
      type: 'TemperatureExcursionReported',
      data: {
        excursionId: cmd.excursionId,
        siteId: state.siteId,
        equipmentId: state.equipmentId,
        startedAt: cmd.startedAt,
        endedAt: cmd.endedAt,
        observedC: cmd.observedC,
        reportedAt: cmd.at,
      },
    },
  ];
};

const evolve = (state: EquipmentState, event: EquipmentEvent): EquipmentState => {
  switch (event.type) {
    case 'EquipmentRegistered':
      return { status: 'Registered', ...event.data, excursions: [] };
    case 'TemperatureExcursionReported': {
      if (state.status === 'None') return state;
      const { excursionId, startedAt, endedAt } = event.data;
      return { ...state, excursions: [...state.excursions, { excursionId, startedAt, endedAt }] };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

export const equipmentDecider: Decider<EquipmentCommand, EquipmentEvent, EquipmentState> = {
  initialState: { status: 'None' },
  decide: (cmd, state) => {
    switch (cmd.type) {
      case 'RegisterEquipment':
        return registerEquipment(cmd, state);
      case 'ReportTemperatureExcursion':
        return reportTemperatureExcursion(cmd, state);
      default: {
        const unhandled: never = cmd;
        return unhandled;
      }
    }
  },
  evolve,
};
