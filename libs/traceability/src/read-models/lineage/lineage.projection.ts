import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonationCompletedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED } from '@hemotrace/collection/contracts';
import type {
  UnitAllocatedToPatientContract,
  UnitAllocationReleasedContract,
  UnitConsumedContract,
  UnitCustodyTransferredContract,
  UnitDiscardedContract,
  UnitExpiredContract,
  UnitPreparedContract,
  UnitQualityDecisionRecordedContract,
  UnitQuarantinedContract,
  UnitReleasedContract,
  UnitShippedContract,
  UnitStoredContract,
  UnitTransfusionRecordedContract,
  UnitWastedAtHospitalContract,
} from '@hemotrace/components/contracts';
import {
  UNIT_ALLOCATED_TO_PATIENT,
  UNIT_ALLOCATION_RELEASED,
  UNIT_CONSUMED,
  UNIT_CUSTODY_TRANSFERRED,
  UNIT_DISCARDED,
  UNIT_EXPIRED,
  UNIT_PREPARED,
  UNIT_QUALITY_DECISION_RECORDED,
  UNIT_QUARANTINED,
  UNIT_RELEASED,
  UNIT_SHIPPED,
  UNIT_STORED,
  UNIT_TRANSFUSION_RECORDED,
  UNIT_WASTED_AT_HOSPITAL,
} from '@hemotrace/components/contracts';
import type {
  ShipmentCreatedContract,
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitReturnedContract,
} from '@hemotrace/distribution/contracts';
import {
  SHIPMENT_CREATED,
  SHIPMENT_DISPATCHED,
  SHIPMENT_RECEIVED,
  UNIT_RETURNED,
} from '@hemotrace/distribution/contracts';
import type {
  DonationQualifiedData,
  DonationRejectedData,
  DonorConfirmedPositiveData,
  MarkerResultRecordedData,
} from '@hemotrace/laboratory/contracts';
import {
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  DONOR_CONFIRMED_POSITIVE,
  MARKER_RESULT_RECORDED,
} from '@hemotrace/laboratory/contracts';
import type { UnitTransfusedContract } from '@hemotrace/transfusion/contracts';
import { UNIT_TRANSFUSED } from '@hemotrace/transfusion/contracts';
import type {
  AttributeUse,
  EdgeKind,
  LineageEdge,
  LineageNode,
  NodeKind,
  StreamHead,
  TracedAttribute,
} from './lineage.model';
import { edgeKindForMethod, isPersonalDataStream, LINEAGE, nodeId } from './lineage.model';

/** Streams named after the entity they hold; other streams are attached by the unit or patient they mention. */
const STREAM_CATEGORIES: Record<string, NodeKind> = {
  Donor: 'donor',
  Donation: 'donation',
  DonationTesting: 'donation',
  Unit: 'unit',
  Shipment: 'shipment',
  Patient: 'patient',
};

/** Traceability's own streams are not part of the entities' histories. */
const NOT_ATTACHED = new Set(['Investigation']);

/** What an event of another stream family may mention: the units and patient it is about. */
interface EntitiesMentioned {
  unitId?: unknown;
  unitIds?: unknown;
  patientId?: unknown;
}

const referencedNodes = (event: RecordedEvent): string[] => {
  const dash = event.streamId.indexOf('-');
  const category = dash > 0 ? event.streamId.slice(0, dash) : event.streamId;
  const kind = STREAM_CATEGORIES[category];
  if (kind) return [nodeId(kind, event.streamId.slice(dash + 1))];
  if (NOT_ATTACHED.has(category)) return [];
  const data = (event.data ?? {}) as EntitiesMentioned;
  const ids: string[] = [];
  if (typeof data.unitId === 'string') ids.push(nodeId('unit', data.unitId));
  if (Array.isArray(data.unitIds))
    ids.push(...data.unitIds.filter((u) => typeof u === 'string').map((u) => nodeId('unit', u)));
  if (typeof data.patientId === 'string') ids.push(nodeId('patient', data.patientId));
  return ids;
};

const kindKey = (id: string): { kind: NodeKind; key: string } => {
  const colon = id.indexOf(':');
  return { kind: id.slice(0, colon) as NodeKind, key: id.slice(colon + 1) };
};

type Patch = Partial<Omit<LineageNode, 'id' | 'kind' | 'key' | 'streams' | 'recordedAt'>>;

/**
 * Folds every non-personal event of the global log into a graph: nodes (donor, donation, unit,
 * shipment, site, patient) with the streams that hold their history, edges between them, and the
 * lots and equipment each touched. Traces walk this graph, then read only the streams it names.
 */
export class LineageProjection implements Projection {
  readonly name = 'traceability.lineage.v2';
  readonly collections = [LINEAGE.nodes, LINEAGE.edges, LINEAGE.streams, LINEAGE.attributes];
  readonly indexes = {
    [LINEAGE.nodes]: [['kind', 'siteId', 'at']],
    [LINEAGE.edges]: [['from'], ['to']],
    [LINEAGE.attributes]: [['attr', 'value']],
  };

  async apply(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    if (isPersonalDataStream(event.streamId)) return;
    await this.trackStream(event, tx);
    await this.fold(event, tx);
  }

  private async trackStream(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const head = await tx.get<StreamHead>(LINEAGE.streams, event.streamId);
    const known = head?.nodes ?? [];
    const added = referencedNodes(event).filter((id) => !known.includes(id));
    for (const id of added) {
      const node = await this.node(tx, id, event);
      if (!node.streams.includes(event.streamId)) {
        tx.put(LINEAGE.nodes, id, { ...node, streams: [...node.streams, event.streamId] });
      }
    }
    tx.put<StreamHead>(LINEAGE.streams, event.streamId, {
      id: event.streamId,
      version: event.streamVersion,
      hash: event.hash,
      recordedAt: event.recordedAt,
      nodes: [...known, ...added],
    });
  }

  private async fold(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    switch (event.type) {
      case DONATION_COMPLETED: {
        const d = event.data as DonationCompletedContract;
        const donation = nodeId('donation', d.din);
        await this.patch(tx, donation, event, {
          donorId: d.donorId,
          siteId: d.siteId,
          at: d.endedAt,
          procedure: d.procedure,
          volumeMl: d.volumeMl,
          plateletDoses: d.plateletDoses,
          bagLot: d.bagLot,
          groupDonation: d.groupDonation ?? false,
        });
        await this.link(tx, nodeId('donor', d.donorId), donation, 'DONATED', d.endedAt, event);
        this.use(tx, 'BAG_LOT', d.bagLot, donation, d.endedAt, d.siteId, event);
        return;
      }
      case MARKER_RESULT_RECORDED: {
        const d = event.data as MarkerResultRecordedData;
        const donation = nodeId('donation', d.din);
        this.use(tx, 'REAGENT_LOT', d.reagent.lot, donation, d.testedAt, event.actor.siteId, event);
        if (d.instrument)
          this.use(tx, 'EQUIPMENT', d.instrument, donation, d.testedAt, event.actor.siteId, event);
        return;
      }
      case DONATION_QUALIFIED: {
        const d = event.data as DonationQualifiedData;
        await this.patch(tx, nodeId('donation', d.din), event, {
          donorId: d.donorId,
          outcome: 'QUALIFIED',
          concludedAt: d.qualifiedAt,
          ...(d.testedAt === undefined ? {} : { testedAt: d.testedAt }),
          reactiveMarkers: [],
        });
        return;
      }
      case DONATION_REJECTED: {
        const d = event.data as DonationRejectedData;
        await this.patch(tx, nodeId('donation', d.din), event, {
          donorId: d.donorId,
          outcome: 'REJECTED',
          concludedAt: d.rejectedAt,
          reactiveMarkers: d.reactiveMarkers,
        });
        return;
      }
      case DONOR_CONFIRMED_POSITIVE: {
        const d = event.data as DonorConfirmedPositiveData;
        const id = nodeId('donation', d.din);
        const node = await this.node(tx, id, event);
        const confirmed = [
          ...(node.confirmedPositive ?? []),
          { marker: d.marker, at: d.confirmedAt, eventId: event.eventId },
        ];
        await this.patch(tx, id, event, { donorId: d.donorId, confirmedPositive: confirmed });
        return;
      }
      case UNIT_PREPARED:
        return this.unitPrepared(event, tx);
      case UNIT_RELEASED: {
        const d = event.data as UnitReleasedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Released' });
      }
      case UNIT_QUARANTINED: {
        const d = event.data as UnitQuarantinedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Quarantined' });
      }
      case UNIT_QUALITY_DECISION_RECORDED: {
        const d = event.data as UnitQualityDecisionRecordedContract;
        if (d.decision === 'RELEASE')
          return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Released' });
        return;
      }
      case UNIT_DISCARDED: {
        const d = event.data as UnitDiscardedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Discarded' });
      }
      case UNIT_EXPIRED: {
        const d = event.data as UnitExpiredContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Expired' });
      }
      case UNIT_CONSUMED: {
        const d = event.data as UnitConsumedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Consumed' });
      }
      case UNIT_STORED: {
        const d = event.data as UnitStoredContract;
        const unit = nodeId('unit', d.unitId);
        await this.patch(tx, unit, event, { custodianSiteId: d.siteId });
        this.use(tx, 'EQUIPMENT', d.equipmentId, unit, d.at, d.siteId, event);
        return;
      }
      case UNIT_SHIPPED: {
        const d = event.data as UnitShippedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          inTransitShipmentId: d.shipmentId,
          returned: false,
        });
      }
      case UNIT_CUSTODY_TRANSFERRED: {
        const d = event.data as UnitCustodyTransferredContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          custodianSiteId: d.toSiteId,
          custodianType: d.custodianType,
          inTransitShipmentId: null,
          returned: d.via === 'RETURNED',
        });
      }
      case UNIT_ALLOCATED_TO_PATIENT: {
        const d = event.data as UnitAllocatedToPatientContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { allocatedToRequestId: d.requestId });
      }
      case UNIT_ALLOCATION_RELEASED: {
        const d = event.data as UnitAllocationReleasedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, { allocatedToRequestId: null });
      }
      case UNIT_TRANSFUSION_RECORDED: {
        const d = event.data as UnitTransfusionRecordedContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          status: 'Transfused',
          allocatedToRequestId: null,
        });
      }
      case UNIT_WASTED_AT_HOSPITAL: {
        const d = event.data as UnitWastedAtHospitalContract;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          status: 'Wasted',
          allocatedToRequestId: null,
        });
      }
      case SHIPMENT_CREATED: {
        const d = event.data as ShipmentCreatedContract;
        return this.patch(tx, nodeId('shipment', d.shipmentId), event, {
          shipmentType: d.type,
          fromSiteId: d.fromSiteId,
          toSiteId: d.toSiteId,
          siteId: d.fromSiteId,
        });
      }
      case SHIPMENT_DISPATCHED:
        return this.shipmentDispatched(event, tx);
      case SHIPMENT_RECEIVED: {
        const d = event.data as ShipmentReceivedContract;
        const custodianType = d.type === 'HOSPITAL_ISSUE' ? 'HOSPITAL' : 'BLOOD_CENTER';
        for (const unit of d.units.filter((u) => u.accepted)) {
          await this.patch(tx, nodeId('unit', unit.unitId), event, {
            custodianSiteId: d.toSiteId,
            custodianType,
            inTransitShipmentId: null,
          });
        }
        return;
      }
      case UNIT_RETURNED: {
        const d = event.data as UnitReturnedContract;
        if (d.disposition === 'RESTOCKED') {
          await this.patch(tx, nodeId('unit', d.unitId), event, {
            custodianSiteId: d.toSiteId,
            custodianType: 'BLOOD_CENTER',
          });
        }
        return;
      }
      case UNIT_TRANSFUSED: {
        const d = event.data as UnitTransfusedContract;
        if (!d.unitId || !d.patientId) return;
        const unit = nodeId('unit', d.unitId);
        await this.patch(tx, unit, event, { status: 'Transfused', allocatedToRequestId: null });
        await this.link(tx, unit, nodeId('patient', d.patientId), 'TRANSFUSED', event.occurredAt, event, {
          hospitalSiteId: d.hospitalSiteId,
          startedAt: d.startedAt,
          endedAt: d.endedAt,
        });
        return;
      }
      default:
        return;
    }
  }

  private async unitPrepared(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as UnitPreparedContract;
    const unit = nodeId('unit', d.unitId);
    await this.patch(tx, unit, event, {
      din: d.din,
      donorId: d.donorId,
      sourceDins: d.sourceDins,
      productCode: d.productCode,
      productType: d.productType,
      method: d.method,
      status: d.status,
      volumeMl: d.volumeMl,
      plateletDoses: d.plateletDoses,
      siteId: d.siteId,
      at: d.preparedAt,
      expiresAt: d.expiresAt,
      custodianSiteId: d.siteId,
      custodianType: 'BLOOD_CENTER',
    });
    if (d.parentUnitIds.length === 0) {
      await this.link(tx, nodeId('donation', d.din), unit, 'PREPARED', d.preparedAt, event);
    }
    for (const parent of d.parentUnitIds) {
      await this.link(tx, nodeId('unit', parent), unit, edgeKindForMethod(d.method), d.preparedAt, event);
    }
    this.use(tx, 'EQUIPMENT', d.equipmentId, unit, d.preparedAt, d.siteId, event);
  }

  private async shipmentDispatched(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as ShipmentDispatchedContract;
    const shipment = nodeId('shipment', d.shipmentId);
    await this.patch(tx, shipment, event, {
      shipmentType: d.type,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      siteId: d.fromSiteId,
      at: d.dispatchedAt,
    });
    for (const unitId of d.unitIds) {
      await this.link(tx, nodeId('unit', unitId), shipment, 'SHIPPED', d.dispatchedAt, event);
    }
    await this.link(tx, shipment, nodeId('site', d.toSiteId), 'CONSIGNED', d.dispatchedAt, event);
  }

  private async node(tx: DocumentWriter, id: string, event: RecordedEvent): Promise<LineageNode> {
    const existing = await tx.get<LineageNode>(LINEAGE.nodes, id);
    if (existing) return existing;
    const { kind, key } = kindKey(id);
    return { id, kind, key, streams: [], recordedAt: event.recordedAt };
  }

  private async patch(tx: DocumentWriter, id: string, event: RecordedEvent, patch: Patch): Promise<void> {
    const node = await this.node(tx, id, event);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    tx.put<LineageNode>(LINEAGE.nodes, id, { ...node, ...defined });
  }

  private async link(
    tx: DocumentWriter,
    from: string,
    to: string,
    kind: EdgeKind,
    at: string,
    event: RecordedEvent,
    detail: Pick<LineageEdge, 'hospitalSiteId' | 'startedAt' | 'endedAt'> = {},
  ): Promise<void> {
    for (const id of [from, to]) {
      if (!(await tx.get<LineageNode>(LINEAGE.nodes, id))) await this.patch(tx, id, event, {});
    }
    const id = `${from}>${to}`;
    tx.put<LineageEdge>(LINEAGE.edges, id, {
      id,
      from,
      to,
      kind,
      at,
      recordedAt: event.recordedAt,
      eventId: event.eventId,
      ...Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== undefined)),
    });
  }

  private use(
    tx: DocumentWriter,
    attr: TracedAttribute,
    value: string,
    node: string,
    at: string,
    siteId: string | undefined,
    event: RecordedEvent,
  ): void {
    const id = `${attr}|${value}|${node}`;
    tx.put<AttributeUse>(LINEAGE.attributes, id, {
      id,
      attr,
      value,
      nodeId: node,
      at,
      siteId,
      recordedAt: event.recordedAt,
      eventId: event.eventId,
    });
  }
}
