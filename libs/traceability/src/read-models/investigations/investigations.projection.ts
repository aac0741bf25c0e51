import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type {
  InvestigationEvent,
  InvestigationEventType,
  InvestigationKind,
  RecallCriteria,
  RecipientOutcome,
} from '../../domain/investigation/investigation.events';

export interface ConsigneeView {
  siteId: string;
  unitIds: string[];
  dueBy: string;
  notifiedAt: string | null;
  channel: string | null;
  acknowledgedAt: string | null;
}

export interface InvestigationView {
  id: string;
  kind: InvestigationKind;
  status: 'Open' | 'Closed';
  openedAt: string;
  closedAt: string | null;
  conclusion: string | null;
  donorId: string | null;
  patientId: string | null;
  trigger: Record<string, unknown> | null;
  criteria: RecallCriteria | null;
  decision: { reason: string; decidedBy: string } | null;
  window: Record<string, unknown> | null;
  donations: string[];
  units: string[];
  quarantineRequested: string[];
  donorsFlagged: string[];
  consignees: ConsigneeView[];
  consigneeSiteIds: string[];
  recipientNotifications: { siteId: string; unitId: string; outcome: RecipientOutcome; recordedAt: string }[];
  /** The earliest deadline of a consignee not yet notified; null when none is pending. */
  nextDueBy: string | null;
}

export const INVESTIGATIONS = 'trace_investigations';

const EVENT_TYPES: InvestigationEventType[] = [
  'LookbackOpened',
  'TracebackOpened',
  'DonorFlaggedForRecallTesting',
  'RecallOpened',
  'UnitQuarantineRequested',
  'ConsigneeNotified',
  'ConsigneeAcknowledged',
  'RecipientNotificationRecorded',
  'InvestigationClosed',
];

const nextDueBy = (consignees: ConsigneeView[]): string | null =>
  consignees
    .filter((c) => c.notifiedAt === null)
    .map((c) => c.dueBy)
    .sort()[0] ?? null;

const blank = (id: string, kind: InvestigationKind, openedAt: string): InvestigationView => ({
  id,
  kind,
  status: 'Open',
  openedAt,
  closedAt: null,
  conclusion: null,
  donorId: null,
  patientId: null,
  trigger: null,
  criteria: null,
  decision: null,
  window: null,
  donations: [],
  units: [],
  quarantineRequested: [],
  donorsFlagged: [],
  consignees: [],
  consigneeSiteIds: [],
  recipientNotifications: [],
  nextDueBy: null,
});

const withConsignees = (view: InvestigationView, consignees: ConsigneeView[]): InvestigationView => ({
  ...view,
  consignees,
  consigneeSiteIds: consignees.map((c) => c.siteId),
  nextDueBy: view.status === 'Open' ? nextDueBy(consignees) : null,
});

/** One document per investigation, for lists, overdue deadlines and a hospital's own notifications. */
export class InvestigationsProjection implements Projection {
  readonly name = 'traceability.investigations';
  readonly collections = [INVESTIGATIONS];
  readonly handles = EVENT_TYPES;
  readonly indexes = { [INVESTIGATIONS]: [['status', 'nextDueBy'], ['donorId'], ['patientId']] };

  async apply(recorded: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as InvestigationEvent;
    const id = event.data.investigationId;
    const current = await tx.get<InvestigationView>(INVESTIGATIONS, id);
    const next = this.evolve(current, event);
    if (next) tx.put(INVESTIGATIONS, id, next);
  }

  private evolve(view: InvestigationView | null, event: InvestigationEvent): InvestigationView | null {
    const pending = (c: { siteId: string; unitIds: string[]; dueBy: string }): ConsigneeView => ({
      ...c,
      notifiedAt: null,
      channel: null,
      acknowledgedAt: null,
    });
    switch (event.type) {
      case 'LookbackOpened': {
        const d = event.data;
        const base: InvestigationView = {
          ...blank(d.investigationId, 'LOOKBACK', d.openedAt),
          donorId: d.donorId,
          trigger: d.trigger,
          window: { ...d.window },
          donations: d.donations,
          units: d.units.map((u) => u.unitId),
        };
        return withConsignees(base, d.consignees.map(pending));
      }
      case 'TracebackOpened': {
        const d = event.data;
        return {
          ...blank(d.investigationId, 'TRACEBACK', d.openedAt),
          patientId: d.patientId,
          trigger: d.trigger,
          donations: d.donors.flatMap((x) => x.dins),
          units: d.units,
        };
      }
      case 'RecallOpened': {
        const d = event.data;
        const base: InvestigationView = {
          ...blank(d.investigationId, 'RECALL', d.openedAt),
          criteria: d.criteria,
          decision: d.decision,
          units: d.units.map((u) => u.unitId),
        };
        return withConsignees(base, d.consignees.map(pending));
      }
      default:
        break;
    }
    if (!view) return null;
    switch (event.type) {
      case 'DonorFlaggedForRecallTesting':
        return { ...view, donorsFlagged: [...view.donorsFlagged, event.data.donorId] };
      case 'UnitQuarantineRequested':
        return { ...view, quarantineRequested: [...view.quarantineRequested, event.data.unitId] };
      case 'ConsigneeNotified': {
        const d = event.data;
        return withConsignees(
          view,
          view.consignees.map((c) =>
            c.siteId === d.siteId ? { ...c, notifiedAt: d.notifiedAt, channel: d.channel } : c,
          ),
        );
      }
      case 'ConsigneeAcknowledged': {
        const d = event.data;
        return withConsignees(
          view,
          view.consignees.map((c) =>
            c.siteId === d.siteId ? { ...c, acknowledgedAt: d.acknowledgedAt } : c,
          ),
        );
      }
      case 'RecipientNotificationRecorded': {
        const d = event.data;
        return {
          ...view,
          recipientNotifications: [
            ...view.recipientNotifications,
            { siteId: d.siteId, unitId: d.unitId, outcome: d.outcome, recordedAt: d.recordedAt },
          ],
        };
      }
      case 'InvestigationClosed':
        return {
          ...view,
          status: 'Closed',
          closedAt: event.data.closedAt,
          conclusion: event.data.conclusion,
          nextDueBy: null,
        };
      default:
        return view;
    }
  }
}
