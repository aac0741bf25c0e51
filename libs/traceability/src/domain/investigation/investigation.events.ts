/** Stored events of `Investigation-<id>` streams: lookbacks, tracebacks and recalls. */
export type InvestigationKind = 'LOOKBACK' | 'TRACEBACK' | 'RECALL';

export type Custodian = 'BLOOD_CENTER' | 'HOSPITAL';

/** A unit as the lineage read model knew it when the investigation opened. */
export interface UnitFact {
  unitId: string;
  din?: string;
  productType?: string;
  status?: string;
  custodianSiteId?: string;
  custodianType?: Custodian;
  expiresAt?: string;
}

export interface ConsigneeToNotify {
  siteId: string;
  unitIds: string[];
  dueBy: string;
}

export interface LookbackWindow {
  from: string;
  to: string;
  /** What the start of the window counts back from. */
  basis: 'LAST_NON_REACTIVE_TEST' | 'POSITIVE_DONATION';
  lastNonReactiveDin: string | null;
}

export interface LookbackOpened {
  investigationId: string;
  donorId: string;
  trigger: { din: string; marker: string; eventId: string | null; confirmedAt?: string };
  profile: string;
  window: LookbackWindow;
  donations: string[];
  units: UnitFact[];
  consignees: ConsigneeToNotify[];
  openedAt: string;
}

export interface TracebackDonor {
  donorId: string;
  dins: string[];
  unitIds: string[];
}

export interface TracebackOpened {
  investigationId: string;
  patientId: string;
  trigger: { eventId: string | null; marker: string | null; reference: string | null };
  donors: TracebackDonor[];
  units: string[];
  openedAt: string;
}

export interface DonorFlaggedForRecallTesting {
  investigationId: string;
  donorId: string;
  dins: string[];
  flaggedAt: string;
}

export type RecallAttribute = 'REAGENT_LOT' | 'BAG_LOT' | 'EQUIPMENT' | 'SITE_PERIOD';

export interface RecallCriteria {
  attribute: RecallAttribute;
  value: string | null;
  siteId: string | null;
  from: string | null;
  to: string | null;
}

export interface RecallOpened {
  investigationId: string;
  criteria: RecallCriteria;
  /** The one recorded decision every quarantine of this recall refers to. */
  decision: { reason: string; decidedBy: string };
  units: UnitFact[];
  consignees: ConsigneeToNotify[];
  openedAt: string;
}

/**
 * Quarantine asked of the components context for a unit still in a blood center's stock. The
 * components context has no public quarantine command yet: this event is the request, and its
 * contract (traceability.UnitQuarantineRequested.v1) is what a components reactor consumes.
 */
export interface UnitQuarantineRequested {
  investigationId: string;
  unitId: string;
  reason: 'LOOKBACK' | 'RECALL';
  custodianSiteId: string | null;
  requestedAt: string;
}

export type NotificationChannel = 'PHONE' | 'EMAIL' | 'LETTER' | 'IN_PERSON' | 'SYSTEM';

export interface ConsigneeNotified {
  investigationId: string;
  siteId: string;
  channel: NotificationChannel;
  reference: string | null;
  notifiedAt: string;
}

export interface ConsigneeAcknowledged {
  investigationId: string;
  siteId: string;
  note: string | null;
  acknowledgedAt: string;
}

export type RecipientOutcome = 'NOTIFIED' | 'NOT_TRANSFUSED' | 'DECEASED' | 'UNREACHABLE';

export interface RecipientNotificationRecorded {
  investigationId: string;
  siteId: string;
  unitId: string;
  outcome: RecipientOutcome;
  note: string | null;
  recordedAt: string;
}

export interface InvestigationClosed {
  investigationId: string;
  conclusion: string;
  closedAt: string;
}

export type InvestigationEvent =
  | { type: 'LookbackOpened'; data: LookbackOpened }
  | { type: 'TracebackOpened'; data: TracebackOpened }
  | { type: 'DonorFlaggedForRecallTesting'; data: DonorFlaggedForRecallTesting }
  | { type: 'RecallOpened'; data: RecallOpened }
  | { type: 'UnitQuarantineRequested'; data: UnitQuarantineRequested }
  | { type: 'ConsigneeNotified'; data: ConsigneeNotified }
  | { type: 'ConsigneeAcknowledged'; data: ConsigneeAcknowledged }
  | { type: 'RecipientNotificationRecorded'; data: RecipientNotificationRecorded }
  | { type: 'InvestigationClosed'; data: InvestigationClosed };

export type InvestigationEventType = InvestigationEvent['type'];
