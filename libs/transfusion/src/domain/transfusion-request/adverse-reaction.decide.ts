import type { Imputability, ReactionCategory, SeverityGrade } from './transfusion-request.event-data';
import type { TransfusionProfile } from '../profile/transfusion-profile';
import { OnsetBeforeTransfusion, OnsetOutsideCategoryWindow } from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open, unitIn } from './transfusion-request.guards';
import {
  onsetOutsideCategoryWindow,
  reactionIsReportable,
  reactionIsSerious,
} from './transfusion-request.rules';
import type { TransfusionRequestState } from './transfusion-request.state';

export type ReportAdverseReaction = {
  type: 'ReportAdverseReaction';
  reactionId: string;
  unitIds: string[];
  category: ReactionCategory;
  onsetAt: string;
  severity: SeverityGrade;
  imputability: Imputability;
  description: string;
  suspectedAgent?: string;
  profile: TransfusionProfile;
} & Given;

export const reportAdverseReaction = (
  cmd: ReportAdverseReaction,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const units = cmd.unitIds.map((unitId) => unitIn(request, unitId, ['IN_PROGRESS', 'TRANSFUSED']));
  const firstStart = units.map((u) => u.startedAt ?? cmd.onsetAt).sort()[0];
  if (cmd.onsetAt < firstStart) throw new OnsetBeforeTransfusion(cmd.onsetAt, firstStart);
  const stillRunning = units.some((u) => u.endedAt === null);
  const lastEnd = stillRunning
    ? null
    : (units
        .map((u) => u.endedAt as string)
        .sort()
        .at(-1) ?? null);
  const outside = onsetOutsideCategoryWindow(cmd.profile, cmd.category, cmd.onsetAt, lastEnd);
  if (outside) throw new OnsetOutsideCategoryWindow(cmd.category, outside.windowHours, outside.hoursAfterEnd);
  const dins = [...new Set(units.map((u) => u.din))];
  const reported: TransfusionRequestEvent = {
    type: 'AdverseReactionReported',
    data: {
      reactionId: cmd.reactionId,
      requestId: request.requestId,
      patientId: request.patientId,
      hospitalSiteId: request.hospitalSiteId,
      unitIds: cmd.unitIds,
      dins,
      category: cmd.category,
      onsetAt: cmd.onsetAt,
      onsetMinutesAfterStart: Math.round((Date.parse(cmd.onsetAt) - Date.parse(firstStart)) / 60_000),
      severity: cmd.severity,
      imputability: cmd.imputability,
      serious: reactionIsSerious(cmd.profile, cmd.severity),
      reportableToRegulator: reactionIsReportable(cmd.profile, cmd.severity, cmd.imputability),
      description: cmd.description,
      reportedAt: cmd.now,
    },
  };
  if (cmd.category !== 'TTI') return [reported];
  return [
    reported,
    {
      type: 'TransfusionTransmittedInfectionSuspected',
      data: {
        reactionId: cmd.reactionId,
        requestId: request.requestId,
        patientId: request.patientId,
        hospitalSiteId: request.hospitalSiteId,
        unitIds: cmd.unitIds,
        dins,
        ...(cmd.suspectedAgent ? { suspectedAgent: cmd.suspectedAgent } : {}),
        reportedAt: cmd.now,
      },
    },
  ];
};
