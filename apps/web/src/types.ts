/* Response shapes of the API as the workbench reads them (GET /api/v1/trace/..., /investigations/...). */
export type NodeKind = 'donor' | 'donation' | 'unit' | 'shipment' | 'site' | 'patient';

export interface LineageNode {
  id: string;
  kind: NodeKind;
  key: string;
  streams: string[];
  recordedAt: string;
  [field: string]: unknown;
}

export interface LineageEdge {
  id: string;
  from: string;
  to: string;
  kind: string;
  at: string;
  recordedAt: string;
  eventId: string;
}

export interface TraceEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  occurredAt: string;
  recordedAt: string;
  who: { userId: string; role: string };
  where: string;
  why: { causationId: string | null; correlationId: string; commandId: string | null };
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface IntegrityFinding {
  streamId: string;
  problem: string;
  [field: string]: unknown;
}

export interface Trace {
  subject: { kind: NodeKind; id: string };
  asOf: string | null;
  lineage: {
    donors: string[];
    donations: string[];
    units: string[];
    shipments: string[];
    consignees: string[];
    patients: string[];
    nodes: LineageNode[];
    edges: LineageEdge[];
  };
  streams: string[];
  events: TraceEvent[];
  integrity: { ok: boolean; eventsChecked: number; streamsChecked: number; findings: IntegrityFinding[] };
  /** What the log's evidence (Merkle tree, last full verification) says its streams lost or had changed. */
  damage?: { ok: boolean; findings: EvidenceFinding[] };
}

/** A finding of the verifiable log: the stream and event it concerns and its kind (`EVENT_DELETED`...). */
export interface EvidenceFinding {
  problem: string;
  streamId?: string;
  streamVersion?: number;
  globalPosition?: number;
  eventId?: string;
  leafIndex?: number;
  message: string;
}

/** GET /integrity: every chain, the log against its tree, and both against the latest signed checkpoint. */
export interface LogVerdict {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  treeSize: number;
  checkpoint: {
    treeSize: number;
    rootHash: string;
    time: string;
    keyName: string;
    keyId: string;
    source: string;
  } | null;
  damagedStreams: string[];
  findings: EvidenceFinding[];
  tookMs: number;
}

export interface Consignee {
  siteId: string;
  unitIds: string[];
  dueBy: string;
  notifiedAt: string | null;
  channel: string | null;
  acknowledgedAt: string | null;
}

export interface Investigation {
  id: string;
  kind: 'LOOKBACK' | 'TRACEBACK' | 'RECALL';
  status: 'Open' | 'Closed';
  openedAt: string;
  closedAt: string | null;
  conclusion: string | null;
  donorId: string | null;
  patientId: string | null;
  trigger: Record<string, unknown> | null;
  criteria: Record<string, unknown> | null;
  decision: { reason: string; decidedBy: string } | null;
  window: Record<string, unknown> | null;
  donations: string[];
  units: string[];
  quarantineRequested: string[];
  donorsFlagged: string[];
  consignees: Consignee[];
  consigneeSiteIds: string[];
  recipientNotifications: { siteId: string; unitId: string; outcome: string; recordedAt: string }[];
  nextDueBy: string | null;
}

export interface Finding {
  id: string;
  rule: string;
  description: string;
  unitId: string;
  siteId: string;
  at: string;
  recordedAt: string;
  eventIds: string[];
  details: Record<string, unknown>;
}

export interface QualityIndicators {
  from: string;
  to: string;
  donations: { count: number; previous: number; growth: number | null };
  volumeMl: { total: number; previous: number; growth: number | null };
  groupDonationShare: number;
  plateletDosesCollected: number;
  redCellUnitsSupplied: number;
  discards: { total: number; rate: number; byReason: Record<string, number> };
  reactiveRateByMarker: Record<string, number>;
  collectionToReleaseHours: { average: number | null; releases: number };
  expiryWastage: { units: number; rate: number };
  /** Out at dispatch, in at receipt (business times); in transit: of out, not received yet. */
  transfers: {
    partner: string;
    in: TransferCounts;
    out: TransferCounts;
    inTransit: TransferCounts;
  }[];
}

export interface TransferCounts {
  shipments: number;
  units: number;
  redCellUnits: number;
  plateletDoses: number;
}

/** GET /investigations/:id/results: what the investigation reaches now (a hospital sees only its own). */
export interface InvestigationResults {
  investigationId: string;
  kind: 'LOOKBACK' | 'TRACEBACK' | 'RECALL';
  donations: { din: string; donorId: string | null; collectedAt: string | null; siteId: string | null }[];
  units: {
    unitId: string;
    din: string | null;
    productCode: string | null;
    productType: string | null;
    method: string | null;
    parentUnitIds: string[];
    lifecycle: string;
    custodianSiteId: string | null;
    consignees: { siteId: string; shipmentId: string; dispatchedAt: string }[];
  }[];
  recipients: {
    unitId: string;
    hospitalSiteId: string | null;
    patientId: string | null;
    redacted: boolean;
    startedAt: string;
    endedAt: string | null;
  }[];
  scopedToSite: string | null;
}
