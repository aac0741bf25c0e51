import type { InvestigationEvent, InvestigationKind, RecipientOutcome } from './investigation.events';

export interface ConsigneeProgress {
  dueBy: string;
  unitIds: string[];
  notifiedAt: string | null;
  acknowledgedAt: string | null;
}

export type Investigation =
  | { status: 'None' }
  | {
      status: 'Open' | 'Closed';
      kind: InvestigationKind;
      investigationId: string;
      unitIds: string[];
      consignees: Record<string, ConsigneeProgress>;
      recipients: Record<string, RecipientOutcome>;
    };

export const initialInvestigation: Investigation = { status: 'None' };

const opened = (
  kind: InvestigationKind,
  investigationId: string,
  unitIds: string[],
  consignees: { siteId: string; unitIds: string[]; dueBy: string }[],
): Investigation => ({
  status: 'Open',
  kind,
  investigationId,
  unitIds,
  consignees: Object.fromEntries(
    consignees.map((c) => [
      c.siteId,
      { dueBy: c.dueBy, unitIds: c.unitIds, notifiedAt: null, acknowledgedAt: null },
    ]),
  ),
  recipients: {},
});

export const evolveInvestigation = (state: Investigation, event: InvestigationEvent): Investigation => {
  switch (event.type) {
    case 'LookbackOpened':
      return opened(
        'LOOKBACK',
        event.data.investigationId,
        event.data.units.map((u) => u.unitId),
        event.data.consignees,
      );
    case 'RecallOpened':
      return opened(
        'RECALL',
        event.data.investigationId,
        event.data.units.map((u) => u.unitId),
        event.data.consignees,
      );
    case 'TracebackOpened':
      return opened('TRACEBACK', event.data.investigationId, event.data.units, []);
    case 'DonorFlaggedForRecallTesting':
    case 'UnitQuarantineRequested':
      return state;
    case 'ConsigneeNotified':
    case 'ConsigneeAcknowledged': {
      if (state.status === 'None') return state;
      const current = state.consignees[event.data.siteId];
      if (!current) return state;
      const updated =
        event.type === 'ConsigneeNotified'
          ? { ...current, notifiedAt: event.data.notifiedAt }
          : { ...current, acknowledgedAt: event.data.acknowledgedAt };
      return { ...state, consignees: { ...state.consignees, [event.data.siteId]: updated } };
    }
    case 'RecipientNotificationRecorded':
      if (state.status === 'None') return state;
      return { ...state, recipients: { ...state.recipients, [event.data.unitId]: event.data.outcome } };
    case 'InvestigationClosed':
      return state.status === 'None' ? state : { ...state, status: 'Closed' };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
};
