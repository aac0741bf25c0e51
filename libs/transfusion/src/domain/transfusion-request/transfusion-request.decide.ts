import type { Decider } from '@hemotrace/event-sourcing';
import type { ReportAdverseReaction } from './adverse-reaction.decide';
import { reportAdverseReaction } from './adverse-reaction.decide';
import type { VerifyAtBedside } from './bedside-check.decide';
import { verifyAtBedside } from './bedside-check.decide';
import type { CrossmatchUnit } from './crossmatch.decide';
import { crossmatchUnit } from './crossmatch.decide';
import type { ReleaseEmergencyUnit } from './emergency-release.decide';
import { releaseEmergencyUnit } from './emergency-release.decide';
import type { IssueUnitToWard } from './issue-to-ward.decide';
import { issueUnitToWard } from './issue-to-ward.decide';
import type { RequestTransfusion } from './request-blood.decide';
import { requestTransfusion } from './request-blood.decide';
import type { ReturnUnitToBloodBank, WasteUnit } from './return-or-waste.decide';
import { returnUnitToBloodBank, wasteUnit } from './return-or-waste.decide';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { TransfusionRequestState } from './transfusion-request.state';
import { evolveRequest, initialRequestState } from './transfusion-request.state';
import type { EndTransfusion, RecordVitalSigns, StartTransfusion } from './transfusion.decide';
import { endTransfusion, recordVitalSigns, startTransfusion } from './transfusion.decide';

export type {
  CrossmatchUnit,
  EndTransfusion,
  IssueUnitToWard,
  RecordVitalSigns,
  ReleaseEmergencyUnit,
  ReportAdverseReaction,
  RequestTransfusion,
  ReturnUnitToBloodBank,
  StartTransfusion,
  VerifyAtBedside,
  WasteUnit,
};

export type TransfusionRequestCommand =
  | RequestTransfusion
  | CrossmatchUnit
  | ReleaseEmergencyUnit
  | IssueUnitToWard
  | VerifyAtBedside
  | StartTransfusion
  | RecordVitalSigns
  | EndTransfusion
  | ReportAdverseReaction
  | ReturnUnitToBloodBank
  | WasteUnit;

export const transfusionRequestDecider: Decider<
  TransfusionRequestCommand,
  TransfusionRequestEvent,
  TransfusionRequestState
> = {
  initialState: initialRequestState,
  evolve: evolveRequest,
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestTransfusion':
        return requestTransfusion(command, state);
      case 'CrossmatchUnit':
        return crossmatchUnit(command, state);
      case 'ReleaseEmergencyUnit':
        return releaseEmergencyUnit(command, state);
      case 'IssueUnitToWard':
        return issueUnitToWard(command, state);
      case 'VerifyAtBedside':
        return verifyAtBedside(command, state);
      case 'StartTransfusion':
        return startTransfusion(command, state);
      case 'RecordVitalSigns':
        return recordVitalSigns(command, state);
      case 'EndTransfusion':
        return endTransfusion(command, state);
      case 'ReportAdverseReaction':
        return reportAdverseReaction(command, state);
      case 'ReturnUnitToBloodBank':
        return returnUnitToBloodBank(command, state);
      case 'WasteUnit':
        return wasteUnit(command, state);
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  },
};
