import { unitIsInDate } from '../compatibility/unit-status.rules';
import { CrossmatchSampleExpired, UnitExpired } from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open, unitIn } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { unitOnRequest } from './unit-event-data';
import type { StatedTime } from './stated-time';
import { assertAfterPreviousStep, factTime } from './stated-time';

export type IssueUnitToWard = { type: 'IssueUnitToWard'; unitId: string; ward: string } & Given & StatedTime;

/**
 * A crossmatched unit leaves the blood bank only while its crossmatch sample is valid and the unit
 * in date, both read at the business time of the issue, which is not before the allocation.
 */
export const issueUnitToWard = (
  cmd: IssueUnitToWard,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ALLOCATED']);
  const { at, late } = factTime(cmd, 'issuedAt');
  assertAfterPreviousStep(unit.unitId, 'issuedAt', at, unit.lastStep);
  if (!unitIsInDate(unit.expiresAt, at)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  if (unit.sampleValidUntil !== null && at >= unit.sampleValidUntil) {
    throw new CrossmatchSampleExpired(unit.unitId, unit.sampleValidUntil);
  }
  return [
    {
      type: 'UnitIssuedToWard',
      data: {
        ...unitOnRequest(request, unit),
        ward: cmd.ward,
        crossmatched: unit.basis === 'CROSSMATCH',
        emergencyRelease: unit.basis === 'EMERGENCY_RELEASE',
        issuedAt: at,
        ...late,
      },
    },
  ];
};
