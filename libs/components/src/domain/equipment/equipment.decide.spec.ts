import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import {
  equipmentDecider,
  EquipmentAlreadyRegistered,
  EquipmentNotFound,
  ExcursionPeriodInvalid,
  NotAnExcursion,
  TemperatureRangeInvalid,
} from './equipment.decide';
import type { EquipmentEvent } from './equipment.events';

const given = DeciderSpecification.for(equipmentDecider);
const register = (minC = 2, maxC = 6) =>
  ({
    type: 'RegisterEquipment',
    siteId: 'BC-1',
    equipmentId: 'FRIDGE-1',
    kind: 'FRIDGE',
    minC,
    maxC,
    at: 't0',
  }) as const;
const registered: EquipmentEvent = {
  type: 'EquipmentRegistered',
  data: { siteId: 'BC-1', equipmentId: 'FRIDGE-1', kind: 'FRIDGE', minC: 2, maxC: 6, registeredAt: 't0' },
};
const excursion = (
  observedC: number,
  startedAt = '2025-03-01T02:00:00.000Z',
  endedAt = '2025-03-01T03:00:00.000Z',
) =>
  ({
    type: 'ReportTemperatureExcursion',
    excursionId: 'exc-1',
    startedAt,
    endedAt,
    observedC,
    at: 't1',
  }) as const;

describe('storage equipment', () => {
  it('registers a fridge with its validated range, once', () => {
    given([]).when(register()).then([registered]);
    given([registered])
      .when(register())
      .thenThrows(EquipmentAlreadyRegistered, 'COMP.EQUIPMENT_ALREADY_REGISTERED');
    given([]).when(register(8, 2)).thenThrows(TemperatureRangeInvalid, 'COMP.TEMPERATURE_RANGE_INVALID');
  });

  it('records an excursion outside the range for the period it lasted', () => {
    given([registered])
      .when(excursion(11))
      .then([
        {
          type: 'TemperatureExcursionReported',
          data: {
            excursionId: 'exc-1',
            siteId: 'BC-1',
            equipmentId: 'FRIDGE-1',
            startedAt: '2025-03-01T02:00:00.000Z',
            endedAt: '2025-03-01T03:00:00.000Z',
            observedC: 11,
            reportedAt: 't1',
          },
        },
      ]);
  });

  it('refuses a temperature within range, a period ending before it starts and unknown equipment', () => {
    given([registered]).when(excursion(4)).thenThrows(NotAnExcursion, 'COMP.NOT_AN_EXCURSION');
    given([registered])
      .when(excursion(11, '2025-03-01T03:00:00.000Z', '2025-03-01T02:00:00.000Z'))
      .thenThrows(ExcursionPeriodInvalid, 'COMP.EXCURSION_PERIOD_INVALID');
    given([]).when(excursion(11)).thenThrows(EquipmentNotFound, 'COMP.EQUIPMENT_NOT_FOUND');
  });
});
