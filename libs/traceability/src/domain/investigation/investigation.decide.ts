import type { Decider } from '@hemotrace/event-sourcing';
import {
  ConsigneeNotYetNotified,
  ConsigneesOutstanding,
  InvestigationAlreadyOpened,
  InvestigationNotOpen,
  MarkerNotSubjectToLookback,
  NotAConsignee,
  RecallMatchesNothing,
  UnitNotInInvestigation,
} from './investigation.errors';
import type {
  ConsigneeToNotify,
  InvestigationEvent,
  LookbackWindow,
  NotificationChannel,
  RecallCriteria,
  RecipientOutcome,
  TracebackDonor,
  UnitFact,
} from './investigation.events';
import type { InvestigationProfile } from './investigation.profiles';
import {
  consigneeDeadline,
  markerRequiresLookback,
  notificationClockStartsAt,
  unitIsInCentreStock,
} from './investigation.rules';
import type { Investigation } from './investigation.state';
import { evolveInvestigation, initialInvestigation } from './investigation.state';

export interface ConsigneeUnits {
  siteId: string;
  unitIds: string[];
}

export interface OpenLookback {
  type: 'OpenLookback';
  investigationId: string;
  donorId: string;
  /** `confirmedAt`: business time of the confirmatory result; the notification clock starts there. */
  trigger: { din: string; marker: string; eventId: string | null; confirmedAt?: string };
  profile: InvestigationProfile;
  window: LookbackWindow;
  donations: string[];
  units: UnitFact[];
  consignees: ConsigneeUnits[];
  now: string;
}

export interface OpenTraceback {
  type: 'OpenTraceback';
  investigationId: string;
  patientId: string;
  trigger: { eventId: string | null; marker: string | null; reference: string | null };
  donors: TracebackDonor[];
  units: string[];
  now: string;
}

export interface OpenRecall {
  type: 'OpenRecall';
  investigationId: string;
  criteria: RecallCriteria;
  decision: { reason: string; decidedBy: string };
  profile: InvestigationProfile;
  units: UnitFact[];
  consignees: ConsigneeUnits[];
  now: string;
}

export interface RecordConsigneeNotification {
  type: 'RecordConsigneeNotification';
  siteId: string;
  channel: NotificationChannel;
  reference: string | null;
  notifiedAt: string;
}

export interface RecordConsigneeAcknowledgement {
  type: 'RecordConsigneeAcknowledgement';
  siteId: string;
  note: string | null;
  acknowledgedAt: string;
}

export interface RecordRecipientNotification {
  type: 'RecordRecipientNotification';
  siteId: string;
  unitId: string;
  outcome: RecipientOutcome;
  note: string | null;
  recordedAt: string;
}

export interface CloseInvestigation {
  type: 'CloseInvestigation';
  conclusion: string;
  closedAt: string;
}

export type InvestigationCommand =
  | OpenLookback
  | OpenTraceback
  | OpenRecall
  | RecordConsigneeNotification
  | RecordConsigneeAcknowledgement
  | RecordRecipientNotification
  | CloseInvestigation;

type Opened = Exclude<Investigation, { status: 'None' }>;

const mustBeNew = (state: Investigation, investigationId: string): void => {
  if (state.status !== 'None') throw new InvestigationAlreadyOpened(investigationId);
};

const mustBeOpen = (state: Investigation): Opened => {
  if (state.status === 'None') throw new InvestigationNotOpen('(unknown)', 'not opened');
  if (state.status !== 'Open') throw new InvestigationNotOpen(state.investigationId, state.status);
  return state;
};

const withDeadlines = (
  profile: InvestigationProfile,
  now: string,
  consignees: ConsigneeUnits[],
): ConsigneeToNotify[] =>
  consignees.map((c) => ({ siteId: c.siteId, unitIds: c.unitIds, dueBy: consigneeDeadline(profile, now) }));

const quarantineRequests = (
  investigationId: string,
  reason: 'LOOKBACK' | 'RECALL',
  units: UnitFact[],
  now: string,
): InvestigationEvent[] =>
  units
    .filter((u) => unitIsInCentreStock(u, now))
    .map((u) => ({
      type: 'UnitQuarantineRequested',
      data: {
        investigationId,
        unitId: u.unitId,
        reason,
        custodianSiteId: u.custodianSiteId ?? null,
        requestedAt: now,
      },
    }));

export const openLookback = (cmd: OpenLookback, state: Investigation): InvestigationEvent[] => {
  mustBeNew(state, cmd.investigationId);
  if (!markerRequiresLookback(cmd.trigger.marker, cmd.profile)) {
    throw new MarkerNotSubjectToLookback(cmd.trigger.marker, cmd.profile.id);
  }
  return [
    {
      type: 'LookbackOpened',
      data: {
        investigationId: cmd.investigationId,
        donorId: cmd.donorId,
        trigger: cmd.trigger,
        profile: cmd.profile.id,
        window: cmd.window,
        donations: cmd.donations,
        units: cmd.units,
        consignees: withDeadlines(
          cmd.profile,
          notificationClockStartsAt(cmd.trigger.confirmedAt, cmd.now),
          cmd.consignees,
        ),
        openedAt: cmd.now,
      },
    },
    ...quarantineRequests(cmd.investigationId, 'LOOKBACK', cmd.units, cmd.now),
  ];
};

/** Every donor whose donation reached the patient is flagged for recall testing (21 CFR 606.170(b) investigations). */
export const openTraceback = (cmd: OpenTraceback, state: Investigation): InvestigationEvent[] => {
  mustBeNew(state, cmd.investigationId);
  return [
    {
      type: 'TracebackOpened',
      data: {
        investigationId: cmd.investigationId,
        patientId: cmd.patientId,
        trigger: cmd.trigger,
        donors: cmd.donors,
        units: cmd.units,
        openedAt: cmd.now,
      },
    },
    ...cmd.donors.map((d): InvestigationEvent => ({
      type: 'DonorFlaggedForRecallTesting',
      data: { investigationId: cmd.investigationId, donorId: d.donorId, dins: d.dins, flaggedAt: cmd.now },
    })),
  ];
};

export const openRecall = (cmd: OpenRecall, state: Investigation): InvestigationEvent[] => {
  mustBeNew(state, cmd.investigationId);
  if (cmd.units.length === 0) throw new RecallMatchesNothing();
  return [
    {
      type: 'RecallOpened',
      data: {
        investigationId: cmd.investigationId,
        criteria: cmd.criteria,
        decision: cmd.decision,
        units: cmd.units,
        consignees: withDeadlines(cmd.profile, cmd.now, cmd.consignees),
        openedAt: cmd.now,
      },
    },
    ...quarantineRequests(cmd.investigationId, 'RECALL', cmd.units, cmd.now),
  ];
};

export const recordConsigneeNotification = (
  cmd: RecordConsigneeNotification,
  state: Investigation,
): InvestigationEvent[] => {
  const open = mustBeOpen(state);
  const consignee = open.consignees[cmd.siteId];
  if (!consignee) throw new NotAConsignee(cmd.siteId);
  if (consignee.notifiedAt !== null) return [];
  return [
    {
      type: 'ConsigneeNotified',
      data: {
        investigationId: open.investigationId,
        siteId: cmd.siteId,
        channel: cmd.channel,
        reference: cmd.reference,
        notifiedAt: cmd.notifiedAt,
      },
    },
  ];
};

export const recordConsigneeAcknowledgement = (
  cmd: RecordConsigneeAcknowledgement,
  state: Investigation,
): InvestigationEvent[] => {
  const open = mustBeOpen(state);
  const consignee = open.consignees[cmd.siteId];
  if (!consignee) throw new NotAConsignee(cmd.siteId);
  if (consignee.notifiedAt === null) throw new ConsigneeNotYetNotified(cmd.siteId);
  if (consignee.acknowledgedAt !== null) return [];
  return [
    {
      type: 'ConsigneeAcknowledged',
      data: {
        investigationId: open.investigationId,
        siteId: cmd.siteId,
        note: cmd.note,
        acknowledgedAt: cmd.acknowledgedAt,
      },
    },
  ];
};

export const recordRecipientNotification = (
  cmd: RecordRecipientNotification,
  state: Investigation,
): InvestigationEvent[] => {
  const open = mustBeOpen(state);
  const consignee = open.consignees[cmd.siteId];
  if (!consignee) throw new NotAConsignee(cmd.siteId);
  if (!consignee.unitIds.includes(cmd.unitId)) throw new UnitNotInInvestigation(cmd.unitId);
  return [
    {
      type: 'RecipientNotificationRecorded',
      data: {
        investigationId: open.investigationId,
        siteId: cmd.siteId,
        unitId: cmd.unitId,
        outcome: cmd.outcome,
        note: cmd.note,
        recordedAt: cmd.recordedAt,
      },
    },
  ];
};

/** An investigation closes only when every consignee has acknowledged the notification. */
export const closeInvestigation = (cmd: CloseInvestigation, state: Investigation): InvestigationEvent[] => {
  const open = mustBeOpen(state);
  const outstanding = Object.entries(open.consignees)
    .filter(([, c]) => c.acknowledgedAt === null)
    .map(([siteId]) => siteId);
  if (outstanding.length > 0) throw new ConsigneesOutstanding(outstanding);
  return [
    {
      type: 'InvestigationClosed',
      data: { investigationId: open.investigationId, conclusion: cmd.conclusion, closedAt: cmd.closedAt },
    },
  ];
};

const decide = (command: InvestigationCommand, state: Investigation): InvestigationEvent[] => {
  switch (command.type) {
    case 'OpenLookback':
      return openLookback(command, state);
    case 'OpenTraceback':
      return openTraceback(command, state);
    case 'OpenRecall':
      return openRecall(command, state);
    case 'RecordConsigneeNotification':
      return recordConsigneeNotification(command, state);
    case 'RecordConsigneeAcknowledgement':
      return recordConsigneeAcknowledgement(command, state);
    case 'RecordRecipientNotification':
      return recordRecipientNotification(command, state);
    case 'CloseInvestigation':
      return closeInvestigation(command, state);
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
};

export const investigationDecider: Decider<InvestigationCommand, InvestigationEvent, Investigation> = {
  initialState: initialInvestigation,
  decide,
  evolve: evolveInvestigation,
};

export const investigationStreamId = (investigationId: string): string => `Investigation-${investigationId}`;
