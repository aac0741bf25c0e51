/** The lineage graph read model: who and what a unit came from and went to, and where their histories are. */
export type NodeKind = 'donor' | 'donation' | 'unit' | 'shipment' | 'site' | 'patient';

export type EdgeKind =
  'DONATED' | 'PREPARED' | 'DIVISION' | 'POOLING' | 'MODIFIED' | 'SHIPPED' | 'CONSIGNED' | 'TRANSFUSED';

export type Custodian = 'BLOOD_CENTER' | 'HOSPITAL';

export interface LineageNode {
  id: string;
  kind: NodeKind;
  key: string;
  /** Streams holding this node's history (never a personal-data stream). */
  streams: string[];
  /** When the system first learnt of the node: as-of views hide it before then. */
  recordedAt: string;
  /** Business time the node came to be (collection, preparation, dispatch). */
  at?: string;
  siteId?: string;
  donorId?: string;
  din?: string;
  procedure?: string;
  volumeMl?: number;
  plateletDoses?: number;
  bagLot?: string;
  groupDonation?: boolean;
  outcome?: 'QUALIFIED' | 'REJECTED';
  concludedAt?: string;
  /** Business time of the last screening result of a qualified donation. */
  testedAt?: string;
  reactiveMarkers?: string[];
  confirmedPositive?: { marker: string; at: string; eventId: string }[];
  sourceDins?: string[];
  productCode?: string;
  productType?: string;
  method?: string;
  status?: string;
  expiresAt?: string;
  custodianSiteId?: string;
  custodianType?: Custodian;
  /** Shipped and not yet received (components' UnitShipped until its custody transfer). */
  inTransitShipmentId?: string | null;
  /** Allocated to a hospital request, until transfused, wasted or given back. */
  allocatedToRequestId?: string | null;
  /** Back at its blood center after a return from a hospital, until it leaves again. */
  returned?: boolean;
  shipmentType?: string;
  fromSiteId?: string;
  toSiteId?: string;
}

export interface LineageEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  at: string;
  recordedAt: string;
  eventId: string;
  /** TRANSFUSED: the hospital whose patient it is, and when the transfusion started and ended (business times). */
  hospitalSiteId?: string;
  startedAt?: string;
  endedAt?: string;
}

/** The last event the projection saw on a stream: a trace that reads fewer events has lost some. */
export interface StreamHead {
  id: string;
  version: number;
  hash: string;
  recordedAt: string;
  nodes: string[];
}

export type TracedAttribute = 'REAGENT_LOT' | 'BAG_LOT' | 'EQUIPMENT';

export interface AttributeUse {
  id: string;
  attr: TracedAttribute;
  value: string;
  nodeId: string;
  at: string;
  siteId?: string;
  recordedAt: string;
  eventId: string;
}

export const LINEAGE = {
  nodes: 'trace_v2_nodes',
  edges: 'trace_v2_edges',
  streams: 'trace_v2_streams',
  attributes: 'trace_v2_attributes',
} as const;

export const nodeId = (kind: NodeKind, key: string): string => `${kind}:${key}`;

export const keyOf = (id: string): string => id.slice(id.indexOf(':') + 1);

export const kindOf = (id: string): NodeKind => id.slice(0, id.indexOf(':')) as NodeKind;

/** Modifications keep one parent and change the product; divisions and pools have their own edge kinds. */
export const edgeKindForMethod = (method: string): EdgeKind => {
  if (method === 'DIVISION') return 'DIVISION';
  if (method === 'POOLING') return 'POOLING';
  return 'MODIFIED';
};

/**
 * Every state a unit can reach, as the components context's lifecycleOf names them, read from the
 * unit node: gone for good, on the road, at a hospital, quarantined, returned or in stock.
 */
export type UnitLifecycle =
  | 'Quarantined'
  | 'InStock'
  | 'InTransit'
  | 'AtHospital'
  | 'Allocated'
  | 'Returned'
  | 'Transfused'
  | 'Wasted'
  | 'Discarded'
  | 'Expired'
  | 'Consumed';

export const lifecycleOf = (unit: LineageNode): UnitLifecycle => {
  switch (unit.status) {
    case 'Discarded':
    case 'Expired':
    case 'Consumed':
    case 'Transfused':
    case 'Wasted':
      return unit.status;
    default:
      if (unit.inTransitShipmentId) return 'InTransit';
      if (unit.custodianType === 'HOSPITAL') return unit.allocatedToRequestId ? 'Allocated' : 'AtHospital';
      if (unit.status === 'Quarantined') return 'Quarantined';
      return unit.returned ? 'Returned' : 'InStock';
  }
};

/** Streams of personal data are never part of a trace (DOMAIN.md: identity kept apart). */
export const isPersonalDataStream = (streamId: string): boolean => /Identity-/.test(streamId);
