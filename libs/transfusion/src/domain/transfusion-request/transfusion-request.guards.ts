import type { Actor } from '@hemotrace/kernel';
import { RequestNotFound, UnitNotInExpectedState } from '../transfusion.errors';
import type {
  OpenRequest,
  RequestUnit,
  RequestUnitStatus,
  TransfusionRequestState,
} from './transfusion-request.state';

export interface Given {
  actor: Actor;
  now: string;
}

export const open = (state: TransfusionRequestState): OpenRequest => {
  if (state.status !== 'Open') throw new RequestNotFound('unknown');
  return state;
};

export const unitIn = (state: OpenRequest, unitId: string, expected: RequestUnitStatus[]): RequestUnit => {
  const unit = state.units.find((u) => u.unitId === unitId);
  if (!unit || !expected.includes(unit.status))
    throw new UnitNotInExpectedState(unitId, expected, unit?.status ?? null);
  return unit;
};
