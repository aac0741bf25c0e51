import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { NotFoundError } from '@hemotrace/kernel';
import type {
  LookbackWindow,
  RecallCriteria,
  TracebackDonor,
  UnitFact,
} from '../../domain/investigation/investigation.events';
import type { ConsigneeUnits } from '../../domain/investigation/investigation.decide';
import type { InvestigationProfile } from '../../domain/investigation/investigation.profiles';
import { lookbackWindow } from '../../domain/investigation/investigation.rules';
import type { Lineage } from '../lineage/lineage.graph';
import { LineageGraph } from '../lineage/lineage.graph';
import type { AttributeUse, LineageNode } from '../lineage/lineage.model';
import { LINEAGE, nodeId } from '../lineage/lineage.model';

export interface LookbackImpact {
  donorId: string;
  positiveDin: string;
  marker: string | null;
  window: LookbackWindow;
  donations: string[];
  units: UnitFact[];
  consignees: ConsigneeUnits[];
  recipients: { unitId: string; patientId: string }[];
  /** The positive donation's confirmatory results (marker, business time). */
  confirmedPositive: { marker: string; at: string }[];
}

export interface TracebackImpact {
  patientId: string;
  donors: TracebackDonor[];
  units: string[];
}

export interface RecallImpact {
  criteria: RecallCriteria;
  units: UnitFact[];
  consignees: ConsigneeUnits[];
}

const unitFact = (n: LineageNode): UnitFact => ({
  unitId: n.key,
  din: n.din,
  productType: n.productType,
  status: n.status,
  custodianSiteId: n.custodianSiteId,
  custodianType: n.custodianType,
  expiresAt: n.expiresAt,
});

/** Which sites received which units of a downward lineage (through its shipments). */
const consigneesOf = (lineage: Lineage): ConsigneeUnits[] => {
  const byId = new Map(lineage.nodes.map((n) => [n.id, n]));
  const bySite = new Map<string, Set<string>>();
  for (const edge of lineage.edges.filter((e) => e.kind === 'SHIPPED')) {
    const shipment = byId.get(edge.to);
    const site = shipment?.toSiteId;
    if (!site) continue;
    const units = bySite.get(site) ?? new Set<string>();
    units.add(byId.get(edge.from)?.key ?? edge.from);
    bySite.set(site, units);
  }
  return [...bySite.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([siteId, units]) => ({ siteId, unitIds: [...units].sort() }));
};

/**
 * The reach of an investigation, answered from the lineage read model only: a donor's lookback
 * window and everything derived from it, a patient's donors, or every unit a lot or a site touched.
 */
@Injectable()
export class ImpactQueries {
  private readonly graph: LineageGraph;

  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {
    this.graph = new LineageGraph(readModels);
  }

  /**
   * Whether the graph has folded a confirmed positive and the collection of its donation: on Kafka
   * the graph hears the laboratory and collection on separate topics, in no set order.
   */
  async knowsConfirmedPositive(din: string, eventId: string): Promise<boolean> {
    const donation = await this.graph.node(nodeId('donation', din));
    return (
      donation?.at !== undefined && (donation.confirmedPositive ?? []).some((c) => c.eventId === eventId)
    );
  }

  async lookback(
    profile: InvestigationProfile,
    donorId: string,
    positiveDin?: string,
  ): Promise<LookbackImpact> {
    const donor = await this.graph.node(nodeId('donor', donorId));
    if (!donor) throw new NotFoundError('TRACE.DONOR_NOT_FOUND', `No donor ${donorId} is known`, { donorId });
    const { nodes: reached } = await this.graph.walk([donor.id], 'down');
    const donations = reached.filter((n) => n.kind === 'donation' && n.at !== undefined);
    const positive =
      (positiveDin ? donations.find((d) => d.key === positiveDin) : undefined) ??
      [...donations]
        .filter((d) => (d.confirmedPositive ?? []).length > 0)
        .sort((a, b) => (a.at! < b.at! ? -1 : 1))
        .at(-1) ??
      [...donations].sort((a, b) => (a.at! < b.at! ? -1 : 1)).at(-1);
    if (!positive) {
      throw new NotFoundError('TRACE.DONATION_NOT_FOUND', `Donor ${donorId} has no recorded donation`, {
        donorId,
        din: positiveDin,
      });
    }
    const facts = donations.map((d) => ({
      din: d.key,
      collectedAt: d.at!,
      outcome: d.outcome,
      concludedAt: d.concludedAt,
      testedAt: d.testedAt,
    }));
    const { window, donations: inWindow } = lookbackWindow(
      profile,
      { din: positive.key, collectedAt: positive.at! },
      facts,
    );
    const lineage = inWindow.length
      ? await this.graph.walk(
          inWindow.map((din) => nodeId('donation', din)),
          'down',
        )
      : { nodes: [], edges: [] };
    const units = lineage.nodes.filter((n) => n.kind === 'unit');
    return {
      donorId,
      positiveDin: positive.key,
      marker: positive.confirmedPositive?.at(-1)?.marker ?? null,
      window,
      donations: inWindow,
      units: units.map(unitFact).sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
      consignees: consigneesOf(lineage),
      recipients: lineage.edges
        .filter((e) => e.kind === 'TRANSFUSED')
        .map((e) => ({ unitId: e.from.slice('unit:'.length), patientId: e.to.slice('patient:'.length) })),
      confirmedPositive: (positive.confirmedPositive ?? []).map(({ marker, at }) => ({ marker, at })),
    };
  }

  async traceback(patientId: string): Promise<TracebackImpact> {
    const patient = await this.graph.node(nodeId('patient', patientId));
    if (!patient)
      throw new NotFoundError('TRACE.PATIENT_NOT_FOUND', `No patient ${patientId} is known`, { patientId });
    const { nodes, edges } = await this.graph.walk([patient.id], 'up');
    const transfused = edges.filter((e) => e.kind === 'TRANSFUSED').map((e) => e.from.slice('unit:'.length));
    const units = nodes.filter((n) => n.kind === 'unit');
    const donors = new Map<string, TracebackDonor>();
    for (const donation of nodes.filter((n) => n.kind === 'donation' && n.donorId)) {
      const entry = donors.get(donation.donorId!) ?? { donorId: donation.donorId!, dins: [], unitIds: [] };
      entry.dins.push(donation.key);
      entry.unitIds.push(
        ...units
          .filter((u) => transfused.includes(u.key) && (u.sourceDins ?? [u.din]).includes(donation.key))
          .map((u) => u.key),
      );
      donors.set(donation.donorId!, entry);
    }
    return {
      patientId,
      donors: [...donors.values()]
        .map((d) => ({ ...d, dins: d.dins.sort(), unitIds: [...new Set(d.unitIds)].sort() }))
        .sort((a, b) => (a.donorId < b.donorId ? -1 : 1)),
      units: transfused.sort(),
    };
  }

  async recall(criteria: RecallCriteria): Promise<RecallImpact> {
    const starts =
      criteria.attribute === 'SITE_PERIOD'
        ? await this.touchedAtSite(criteria)
        : (
            await this.readModels.find<AttributeUse>(LINEAGE.attributes, {
              attr: criteria.attribute,
              value: criteria.value,
            })
          )
            .filter(
              (u) =>
                (criteria.from === null || u.at >= criteria.from) &&
                (criteria.to === null || u.at <= criteria.to),
            )
            .map((u) => u.nodeId);
    const lineage = starts.length
      ? await this.graph.walk([...new Set(starts)], 'down')
      : { nodes: [], edges: [] };
    return {
      criteria,
      units: lineage.nodes
        .filter((n) => n.kind === 'unit')
        .map(unitFact)
        .sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
      consignees: consigneesOf(lineage),
    };
  }

  private async touchedAtSite(criteria: RecallCriteria): Promise<string[]> {
    const range = { $gte: criteria.from ?? '', $lte: criteria.to ?? '9999' };
    const found = await Promise.all(
      (['donation', 'unit'] as const).map((kind) =>
        this.readModels.find<LineageNode>(LINEAGE.nodes, { kind, siteId: criteria.siteId, at: range }),
      ),
    );
    return found.flat().map((n) => n.id);
  }
}
