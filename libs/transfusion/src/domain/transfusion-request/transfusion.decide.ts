import { BedsideCheckRequired, EndBeforeStart } from '../transfusion.errors';
import type { TransfusionRequestEvent, VitalSigns } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open, unitIn } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { unitOnRequest } from './unit-event-data';

export type StartTransfusion = {
  type: 'StartTransfusion';
  unitId: string;
  startedAt: string;
  vitals: VitalSigns;
} & Given;
export type RecordVitalSigns = {
  type: 'RecordVitalSigns';
  unitId: string;
  measuredAt: string;
  vitals: VitalSigns;
} & Given;
export type EndTransfusion = {
  type: 'EndTransfusion';
  unitId: string;
  endedAt: string;
  volumeMl: number;
  vitals?: VitalSigns;
} & Given;

export const startTransfusion = (
  cmd: StartTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const current = request.units.find((u) => u.unitId === cmd.unitId);
  if (current?.status === 'ISSUED') throw new BedsideCheckRequired(cmd.unitId);
  const unit = unitIn(request, cmd.unitId, ['BEDSIDE_VERIFIED']);
  return [
    {
      type: 'TransfusionStarted',
      data: {
        requestId: request.requestId,
        patientId: request.patientId,
        unitId: unit.unitId,
        din: unit.din,
        startedAt: cmd.startedAt,
        vitals: cmd.vitals,
      },
    },
  ];
};

export const recordVitalSigns = (
  cmd: RecordVitalSigns,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  unitIn(request, cmd.unitId, ['IN_PROGRESS', 'TRANSFUSED']);
  return [
    {
      type: 'VitalSignsRecorded',
      data: {
        requestId: request.requestId,
        unitId: cmd.unitId,
        vitals: cmd.vitals,
        measuredAt: cmd.measuredAt,
      },
    },
  ];
};

export const endTransfusion = (
  cmd: EndTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['IN_PROGRESS']);
  const startedAt = unit.startedAt ?? cmd.endedAt;
  if (cmd.endedAt < startedAt) throw new EndBeforeStart(unit.unitId);
  return [
    ...(cmd.vitals
      ? [
          {
            type: 'VitalSignsRecorded' as const,
            data: {
              requestId: request.requestId,
              unitId: unit.unitId,
              vitals: cmd.vitals,
              measuredAt: cmd.endedAt,
            },
          },
        ]
      : []),
    {
      type: 'UnitTransfused',
      data: {
        ...unitOnRequest(request, unit),
        startedAt,
        endedAt: cmd.endedAt,
        volumeMl: cmd.volumeMl,
      },
    },
  ];
};
