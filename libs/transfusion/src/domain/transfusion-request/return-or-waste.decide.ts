import type { TransfusionProfile } from '../profile/transfusion-profile';
import { ReturnOutsideLimits } from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open, unitIn } from './transfusion-request.guards';
import { returnLimitBreaches } from './transfusion-request.rules';
import type { TransfusionRequestState } from './transfusion-request.state';
import type { StatedTime } from './stated-time';
import { assertAfterPreviousStep, factTime } from './stated-time';

export type ReturnUnitToBloodBank = {
  type: 'ReturnUnitToBloodBank';
  unitId: string;
  minutesOutOfStorage: number;
  temperatureC: number;
  profile: TransfusionProfile;
} & Given &
  StatedTime;

export type WasteUnit = { type: 'WasteUnit'; unitId: string; reason: string } & Given & StatedTime;

export const returnUnitToBloodBank = (
  cmd: ReturnUnitToBloodBank,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ISSUED', 'BEDSIDE_VERIFIED']);
  const { at, late } = factTime(cmd, 'returnedAt');
  assertAfterPreviousStep(unit.unitId, 'returnedAt', at, unit.lastStep);
  const breaches = returnLimitBreaches(
    cmd.profile.returnLimits[request.product],
    cmd.minutesOutOfStorage,
    cmd.temperatureC,
  );
  if (breaches.length > 0) throw new ReturnOutsideLimits(unit.unitId, breaches);
  return [
    {
      type: 'UnitReturnedToBloodBank',
      data: {
        requestId: request.requestId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        minutesOutOfStorage: cmd.minutesOutOfStorage,
        temperatureC: cmd.temperatureC,
        returnedAt: at,
        ...late,
      },
    },
  ];
};

export const wasteUnit = (cmd: WasteUnit, state: TransfusionRequestState): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ALLOCATED', 'ISSUED', 'BEDSIDE_VERIFIED']);
  const { at, late } = factTime(cmd, 'wastedAt');
  assertAfterPreviousStep(unit.unitId, 'wastedAt', at, unit.lastStep);
  return [
    {
      type: 'UnitWasted',
      data: {
        requestId: request.requestId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        reason: cmd.reason,
        wastedAt: at,
        ...late,
      },
    },
  ];
};
