import { BedsideCheckRequired, EndBeforeStart } from '../transfusion.errors';
import type { TransfusionRequestEvent, VitalSigns } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open, unitIn } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { unitOnRequest } from './unit-event-data';
import type { StatedTime } from './stated-time';
import { assertAfterPreviousStep, factTime } from './stated-time';

/** The step's own field states its business time (startedAt, measuredAt, endedAt). */
type Timed = Given & Omit<StatedTime, 'occurredAt'>;

export type StartTransfusion = {
  type: 'StartTransfusion';
  unitId: string;
  startedAt: string;
  vitals: VitalSigns;
} & Timed;
export type RecordVitalSigns = {
  type: 'RecordVitalSigns';
  unitId: string;
  measuredAt: string;
  vitals: VitalSigns;
} & Timed;
export type EndTransfusion = {
  type: 'EndTransfusion';
  unitId: string;
  endedAt: string;
  volumeMl: number;
  vitals?: VitalSigns;
} & Timed;

export const startTransfusion = (
  cmd: StartTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const current = request.units.find((u) => u.unitId === cmd.unitId);
  if (current?.status === 'ISSUED') throw new BedsideCheckRequired(cmd.unitId);
  const unit = unitIn(request, cmd.unitId, ['BEDSIDE_VERIFIED']);
  const { late } = factTime({ ...cmd, occurredAt: cmd.startedAt }, 'startedAt');
  assertAfterPreviousStep(unit.unitId, 'startedAt', cmd.startedAt, unit.lastStep);
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
        ...late,
      },
    },
  ];
};

export const recordVitalSigns = (
  cmd: RecordVitalSigns,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['IN_PROGRESS', 'TRANSFUSED']);
  const { late } = factTime({ ...cmd, occurredAt: cmd.measuredAt }, 'measuredAt');
  if (unit.startedAt !== null) {
    assertAfterPreviousStep(unit.unitId, 'measuredAt', cmd.measuredAt, {
      step: 'start of transfusion',
      at: unit.startedAt,
    });
  }
  return [
    {
      type: 'VitalSignsRecorded',
      data: {
        requestId: request.requestId,
        unitId: cmd.unitId,
        vitals: cmd.vitals,
        measuredAt: cmd.measuredAt,
        ...late,
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
  const { late } = factTime({ ...cmd, occurredAt: cmd.endedAt }, 'endedAt');
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
        ...late,
      },
    },
  ];
};
