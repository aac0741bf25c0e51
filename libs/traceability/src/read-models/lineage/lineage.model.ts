/** The lineage graph read model: who and what a unit came from and went to, and where their histories are. */
export type NodeKind = 'donor' | 'donation' | 'unit' | 'shipment' | 'site' | 'patient';

export type EdgeKind =
  'DONATED' | 'PREPARED' | 'DIVISION' | 'POOLING' | 'MODIFIED' | 'SHIPPED' | 'CONSIGNED' | 'TRANSFUSED';

export type Custodian = 'BLOOD_CENTER' | 'HOSPITAL';

/**
 * A node as queries see it: its facts (GraphNode, from the owners' contracts) joined with the
 * streams that hold its history (NodeStreams, from the log).
 */
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

/** What the lineage graph projection stores of a node: the facts, without the streams. */
export type GraphNode = Omit<LineageNode, 'streams'>;

/** What the stream index stores of a node: the streams of the log that hold its history. */
export interface NodeStreams {
  id: string;
  streams: string[];
  /** When the first of those streams' events was recorded. */
  recordedAt: string;
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

/**
 * v3: the graph (nodes, edges, attributes) is folded from contracts by one processor, the stream
 * index (streams, nodeStreams) from the log by another; each writes only its own collections. The
 * v2 collections of a store written before are left as they are.
 */
export const LINEAGE = {
  nodes: 'trace_v3_nodes',
  edges: 'trace_v3_edges',
  attributes: 'trace_v3_attributes',
  streams: 'trace_v3_streams',
  nodeStreams: 'trace_v3_node_streams',
} as const;

const earliest = (a: string, b: string): string => (b < a ? b : a);

/**
 * A node as the lineage knows it, from either side: a node the log mentions but no contract
 * described yet (a donor's own stream, a patient before a transfusion) has no facts but its streams;
 * one a contract described but whose stream the index has not reached has no streams yet. Its
 * recordedAt is the earlier of the two. Fields keep the order the single v2 document had.
 */
export const joinNode = (node: GraphNode | null, streams: NodeStreams | null): LineageNode | null => {
  const id = node?.id ?? streams?.id;
  if (id === undefined) return null;
  const facts: GraphNode = node ?? { id, kind: kindOf(id), key: keyOf(id), recordedAt: streams!.recordedAt };
  const { id: _id, kind, key, recordedAt, ...rest } = facts;
  return {
    id,
    kind,
    key,
    streams: streams?.streams ?? [],
    recordedAt: streams ? earliest(recordedAt, streams.recordedAt) : recordedAt,
    ...rest,
  };
};

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
