import type { DocumentWriter } from '@hemotrace/event-sourcing';
import type { ContractProjection, IntegrationEvent } from '@hemotrace/messaging';
import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import type {
  UnitAllocatedToPatientV1,
  UnitAllocationReleasedV1,
  UnitCustodyTransferredV1,
  UnitPreparedV1,
  UnitQualityDecisionRecordedV1,
  UnitShippedV1,
  UnitStoredV1,
  UnitTransfusionRecordedV1,
  UnitWastedAtHospitalV1,
} from '@hemotrace/components/contracts';
import {
  UNIT_ALLOCATED_TO_PATIENT_V1,
  UNIT_ALLOCATION_RELEASED_V1,
  UNIT_CONSUMED_V1,
  UNIT_CUSTODY_TRANSFERRED_V1,
  UNIT_DISCARDED_V1,
  UNIT_EXPIRED_V1,
  UNIT_PREPARED_V1,
  UNIT_QUALITY_DECISION_RECORDED_V1,
  UNIT_QUARANTINED_V1,
  UNIT_RELEASED_V1,
  UNIT_SHIPPED_V1,
  UNIT_STORED_V1,
  UNIT_TRANSFUSION_RECORDED_V1,
  UNIT_WASTED_AT_HOSPITAL_V1,
} from '@hemotrace/components/contracts';
import type { ShipmentDispatchedV1 } from '@hemotrace/distribution/contracts';
import { SHIPMENT_DISPATCHED_V1 } from '@hemotrace/distribution/contracts';
import type {
  DonationQualifiedV1,
  DonationRejectedV1,
  DonorConfirmedPositiveV1,
  MarkerTestedV1,
} from '@hemotrace/laboratory/contracts';
import {
  DONATION_QUALIFIED_V1,
  DONATION_REJECTED_V1,
  DONOR_CONFIRMED_POSITIVE_V1,
  MARKER_TESTED_V1,
} from '@hemotrace/laboratory/contracts';
import type { UnitTransfusedV1 } from '@hemotrace/transfusion/contracts';
import { UNIT_TRANSFUSED_V1 } from '@hemotrace/transfusion/contracts';
import type { AttributeUse, EdgeKind, GraphNode, LineageEdge, TracedAttribute } from './lineage.model';
import { edgeKindForMethod, isPersonalDataStream, keyOf, kindOf, LINEAGE, nodeId } from './lineage.model';

type Patch = Partial<Omit<GraphNode, 'id' | 'kind' | 'key' | 'recordedAt'>>;

const TYPES = [
  DONATION_COMPLETED_V1,
  MARKER_TESTED_V1,
  DONATION_QUALIFIED_V1,
  DONATION_REJECTED_V1,
  DONOR_CONFIRMED_POSITIVE_V1,
  UNIT_PREPARED_V1,
  UNIT_RELEASED_V1,
  UNIT_QUARANTINED_V1,
  UNIT_QUALITY_DECISION_RECORDED_V1,
  UNIT_DISCARDED_V1,
  UNIT_EXPIRED_V1,
  UNIT_CONSUMED_V1,
  UNIT_STORED_V1,
  UNIT_SHIPPED_V1,
  UNIT_CUSTODY_TRANSFERRED_V1,
  UNIT_ALLOCATED_TO_PATIENT_V1,
  UNIT_ALLOCATION_RELEASED_V1,
  UNIT_TRANSFUSION_RECORDED_V1,
  UNIT_WASTED_AT_HOSPITAL_V1,
  SHIPMENT_DISPATCHED_V1,
  UNIT_TRANSFUSED_V1,
];

/** The contracts whose only fact for the graph is the unit's new status. */
const STATUS_SET_BY: Record<string, string> = {
  [UNIT_RELEASED_V1]: 'Released',
  [UNIT_QUARANTINED_V1]: 'Quarantined',
  [UNIT_DISCARDED_V1]: 'Discarded',
  [UNIT_EXPIRED_V1]: 'Expired',
  [UNIT_CONSUMED_V1]: 'Consumed',
};

export const LINEAGE_GRAPH_PROJECTION = 'traceability.lineage-graph.v3';

const earliest = (a: string, b: string): string => (b < a ? b : a);

/** Copies the defined fields onto `target`: an undefined one means "not said", never "cleared". */
const assignDefined = (target: object, fields: object): void => {
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
};

/**
 * The lineage graph from the owners' published contracts: nodes (donor, donation, unit, shipment,
 * site, patient) with their facts, the edges between them, and the lots and equipment each touched.
 * Traces walk it, then read only the streams the stream index (LineageStreamsProjection) names.
 *
 * Across services it is a consumer group over five topics whose relative order is not guaranteed,
 * so the fold does not depend on it:
 * - a node's facts have one owner each, whose contracts come in the order of the node's own stream
 *   (one Kafka key): a donation's from collection and the laboratory (distinct fields), a unit's from
 *   components (custody, allocation and transfusion included, as components records them from
 *   distribution's and the hospital's facts), a shipment's from distribution;
 * - a fact about a node not yet described creates it, and a node's recordedAt is the earliest
 *   recordedAt of the facts that mention it;
 * - an edge or an attribute use is keyed by what it links, and written again alike when its
 *   contract comes again; a confirmed positive is listed once per event id.
 */
export class LineageGraphProjection implements ContractProjection {
  readonly name = LINEAGE_GRAPH_PROJECTION;
  readonly contexts = ['collection', 'laboratory', 'components', 'distribution', 'transfusion'] as const;
  readonly types = TYPES;
  readonly collections = [LINEAGE.nodes, LINEAGE.edges, LINEAGE.attributes];
  readonly indexes = {
    [LINEAGE.nodes]: [['kind', 'siteId', 'at']],
    [LINEAGE.edges]: [['from'], ['to']],
    [LINEAGE.attributes]: [['attr', 'value']],
  };

  async handle(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    if (isPersonalDataStream(event.subject)) return;
    switch (event.type) {
      case DONATION_COMPLETED_V1: {
        const d = event.data as DonationCompletedV1;
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
      case MARKER_TESTED_V1: {
        const d = event.data as MarkerTestedV1;
        const donation = nodeId('donation', d.din);
        this.use(tx, 'REAGENT_LOT', d.reagent.lot, donation, d.testedAt, d.recordedAtSite, event);
        if (d.instrument)
          this.use(tx, 'EQUIPMENT', d.instrument, donation, d.testedAt, d.recordedAtSite, event);
        return;
      }
      case DONATION_QUALIFIED_V1: {
        const d = event.data as DonationQualifiedV1;
        await this.patch(tx, nodeId('donation', d.din), event, {
          donorId: d.donorId,
          outcome: 'QUALIFIED',
          concludedAt: d.qualifiedAt,
          ...(d.testedAt === undefined ? {} : { testedAt: d.testedAt }),
          reactiveMarkers: [],
        });
        return;
      }
      case DONATION_REJECTED_V1: {
        const d = event.data as DonationRejectedV1;
        await this.patch(tx, nodeId('donation', d.din), event, {
          donorId: d.donorId,
          outcome: 'REJECTED',
          concludedAt: d.rejectedAt,
          reactiveMarkers: d.reactiveMarkers,
        });
        return;
      }
      case DONOR_CONFIRMED_POSITIVE_V1: {
        const d = event.data as DonorConfirmedPositiveV1;
        const id = nodeId('donation', d.din);
        const listed = (await tx.get<GraphNode>(LINEAGE.nodes, id))?.confirmedPositive ?? [];
        if (listed.some((c) => c.eventId === event.id)) return;
        const confirmed = [...listed, { marker: d.marker, at: d.confirmedAt, eventId: event.id }];
        await this.patch(tx, id, event, { donorId: d.donorId, confirmedPositive: confirmed });
        return;
      }
      case UNIT_PREPARED_V1:
        return this.unitPrepared(event, tx);
      case UNIT_RELEASED_V1:
      case UNIT_QUARANTINED_V1:
      case UNIT_DISCARDED_V1:
      case UNIT_EXPIRED_V1:
      case UNIT_CONSUMED_V1: {
        const d = event.data as { unitId: string };
        return this.patch(tx, nodeId('unit', d.unitId), event, { status: STATUS_SET_BY[event.type] });
      }
      case UNIT_QUALITY_DECISION_RECORDED_V1: {
        const d = event.data as UnitQualityDecisionRecordedV1;
        if (d.decision === 'RELEASE')
          return this.patch(tx, nodeId('unit', d.unitId), event, { status: 'Released' });
        return;
      }
      case UNIT_STORED_V1: {
        const d = event.data as UnitStoredV1;
        const unit = nodeId('unit', d.unitId);
        await this.patch(tx, unit, event, { custodianSiteId: d.siteId });
        this.use(tx, 'EQUIPMENT', d.equipmentId, unit, d.at, d.siteId, event);
        return;
      }
      case UNIT_SHIPPED_V1: {
        const d = event.data as UnitShippedV1;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          inTransitShipmentId: d.shipmentId,
          returned: false,
        });
      }
      case UNIT_CUSTODY_TRANSFERRED_V1: {
        const d = event.data as UnitCustodyTransferredV1;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          custodianSiteId: d.toSiteId,
          custodianType: d.custodianType,
          inTransitShipmentId: null,
          returned: d.via === 'RETURNED',
        });
      }
      case UNIT_ALLOCATED_TO_PATIENT_V1: {
        const d = event.data as UnitAllocatedToPatientV1;
        return this.patch(tx, nodeId('unit', d.unitId), event, { allocatedToRequestId: d.requestId });
      }
      case UNIT_ALLOCATION_RELEASED_V1: {
        const d = event.data as UnitAllocationReleasedV1;
        return this.patch(tx, nodeId('unit', d.unitId), event, { allocatedToRequestId: null });
      }
      case UNIT_TRANSFUSION_RECORDED_V1: {
        const d = event.data as UnitTransfusionRecordedV1;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          status: 'Transfused',
          allocatedToRequestId: null,
        });
      }
      case UNIT_WASTED_AT_HOSPITAL_V1: {
        const d = event.data as UnitWastedAtHospitalV1;
        return this.patch(tx, nodeId('unit', d.unitId), event, {
          status: 'Wasted',
          allocatedToRequestId: null,
        });
      }
      case SHIPMENT_DISPATCHED_V1:
        return this.shipmentDispatched(event, tx);
      case UNIT_TRANSFUSED_V1: {
        /* The unit's state is components' (UnitTransfusionRecorded); the hospital's fact is the edge. */
        const d = event.data as UnitTransfusedV1;
        if (!d.unitId || !d.patientId) return;
        const unit = nodeId('unit', d.unitId);
        await this.link(tx, unit, nodeId('patient', d.patientId), 'TRANSFUSED', event.time, event, {
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

  private async unitPrepared(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as UnitPreparedV1;
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

  /** The shipment's facts are distribution's: its type, its ends and when it left. */
  private async shipmentDispatched(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as ShipmentDispatchedV1;
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

  /** Creates the node when this is the first fact about it; keeps the earliest recordedAt. */
  private async patch(tx: DocumentWriter, id: string, event: IntegrationEvent, patch: Patch): Promise<void> {
    const node = (await tx.get<GraphNode>(LINEAGE.nodes, id)) ?? {
      id,
      kind: kindOf(id),
      key: keyOf(id),
      recordedAt: event.recordedAt,
    };
    const next: GraphNode = { ...node, recordedAt: earliest(node.recordedAt, event.recordedAt) };
    assignDefined(next, patch);
    tx.put<GraphNode>(LINEAGE.nodes, id, next);
  }

  private async link(
    tx: DocumentWriter,
    from: string,
    to: string,
    kind: EdgeKind,
    at: string,
    event: IntegrationEvent,
    detail: Pick<LineageEdge, 'hospitalSiteId' | 'startedAt' | 'endedAt'> = {},
  ): Promise<void> {
    for (const id of [from, to]) {
      const node = await tx.get<GraphNode>(LINEAGE.nodes, id);
      if (!node || event.recordedAt < node.recordedAt) await this.patch(tx, id, event, {});
    }
    const id = `${from}>${to}`;
    const edge: LineageEdge = { id, from, to, kind, at, recordedAt: event.recordedAt, eventId: event.id };
    assignDefined(edge, detail);
    tx.put<LineageEdge>(LINEAGE.edges, id, edge);
  }

  private use(
    tx: DocumentWriter,
    attr: TracedAttribute,
    value: string,
    node: string,
    at: string,
    siteId: string | undefined,
    event: IntegrationEvent,
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
      eventId: event.id,
    });
  }
}
