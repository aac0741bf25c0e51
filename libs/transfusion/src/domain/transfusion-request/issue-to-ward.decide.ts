import { unitIsInDate } from '../compatibility/unit-status.rules';
import { CrossmatchSampleExpired, UnitExpired } from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open, unitIn } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { unitOnRequest } from './unit-event-data';

export type IssueUnitToWard = { type: 'IssueUnitToWard'; unitId: string; ward: string } & Given;

/** A crossmatched unit leaves the blood bank only while its crossmatch sample is valid and the unit in date. */
export const issueUnitToWard = (
  cmd: IssueUnitToWard,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ALLOCATED']);
  if (!unitIsInDate(unit.expiresAt, cmd.now)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  if (unit.sampleValidUntil !== null && cmd.now >= unit.sampleValidUntil) {
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
        issuedAt: cmd.now,
      },
    },
  ];
};
