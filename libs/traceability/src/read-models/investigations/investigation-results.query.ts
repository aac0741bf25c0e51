import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import type { Lineage } from '../lineage/lineage.graph';
import { LineageGraph } from '../lineage/lineage.graph';
import type { LineageEdge, LineageNode } from '../lineage/lineage.model';
import type { InvestigationResults, ResultDonation, ResultUnit } from './investigation-results.model';
import { keyOf, kindOf, LINEAGE, lifecycleOf, nodeId } from '../lineage/lineage.model';
import type { InvestigationView } from './investigations.projection';
import { InvestigationQueries } from './investigations.query';
import { aHospitalReadsOnlyItsOwnUnitsAndPatients } from './investigation-results.scope';

const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * What an investigation reached, read now from the lineage: its donations, every unit derived from
 * them (through division, pooling and modification) with its current lifecycle state, where each
 * was sent, and who was transfused with it, so an investigator never traces unit by unit.
 */
@Injectable()
export class InvestigationResultQueries {
  private readonly graph: LineageGraph;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly investigations: InvestigationQueries,
  ) {
    this.graph = new LineageGraph(readModels);
  }

  async results(investigationId: string, actor: Actor): Promise<InvestigationResults> {
    const view = await this.investigations.get(investigationId, actor);
    const reached = await this.reach(view);
    const lineage = await this.withDonations(view, reached);
    const all = this.read(view, lineage, await this.parentsOf(lineage));
    return actor.role === 'hospital' ? aHospitalReadsOnlyItsOwnUnitsAndPatients(all, actor.siteId) : all;
  }

  /** Lookbacks and tracebacks reach from their donations; a recall from the units it named. */
  private reach(view: InvestigationView): Promise<Lineage> {
    const start =
      view.kind === 'RECALL'
        ? view.units.map((u) => nodeId('unit', u))
        : view.donations.map((din) => nodeId('donation', din));
    return start.length ? this.graph.walk(start, 'down') : Promise.resolve({ nodes: [], edges: [] });
  }

  /** A recall reaches units: the donations they came from are read beside them. */
  private async withDonations(view: InvestigationView, lineage: Lineage): Promise<Lineage> {
    const known = new Set(lineage.nodes.map((n) => n.id));
    const missing = dinsOf(view, lineage)
      .map((din) => nodeId('donation', din))
      .filter((id) => !known.has(id));
    if (missing.length === 0) return lineage;
    return { ...lineage, nodes: [...lineage.nodes, ...(await this.graph.nodes(missing))] };
  }

  /** Every parent of the units reached, also those outside the scope (the other donations of a pool). */
  private async parentsOf(lineage: Lineage): Promise<Map<string, string[]>> {
    const units = lineage.nodes.filter((n) => n.kind === 'unit').map((n) => n.id);
    const edges = units.length
      ? await this.readModels.find<LineageEdge>(LINEAGE.edges, { to: { $in: units } })
      : [];
    const parents = new Map<string, string[]>();
    for (const edge of edges.filter((e) => kindOf(e.from) === 'unit'))
      parents.set(edge.to, [...(parents.get(edge.to) ?? []), keyOf(edge.from)]);
    return parents;
  }

  private read(
    view: InvestigationView,
    lineage: Lineage,
    parents: Map<string, string[]>,
  ): InvestigationResults {
    const byId = new Map(lineage.nodes.map((n) => [n.id, n]));
    const units = lineage.nodes.filter((n) => n.kind === 'unit');
    const dins = dinsOf(view, lineage);
    const results = units
      .map((unit) => this.unit(unit, lineage, byId, parents.get(unit.id) ?? []))
      .sort(byKey((u) => u.unitId));
    const consignees = new Map<string, Set<string>>();
    for (const unit of results)
      for (const c of unit.consignees)
        consignees.set(c.siteId, (consignees.get(c.siteId) ?? new Set()).add(unit.unitId));
    return {
      investigationId: view.id,
      kind: view.kind,
      donations: dins
        .map((din) => donation(din, byId.get(nodeId('donation', din))))
        .sort(byKey((d) => d.din)),
      units: results,
      consignees: [...consignees.entries()]
        .map(([siteId, ids]) => ({ siteId, unitIds: [...ids].sort() }))
        .sort(byKey((c) => c.siteId)),
      recipients: results.flatMap((u) => u.recipients),
      scopedToSite: null,
    };
  }

  private unit(
    unit: LineageNode,
    lineage: Lineage,
    byId: Map<string, LineageNode>,
    parents: string[],
  ): ResultUnit {
    const from = lineage.edges.filter((e) => e.from === unit.id);
    return {
      unitId: unit.key,
      din: unit.din ?? null,
      sourceDins: unit.sourceDins ?? (unit.din ? [unit.din] : []),
      productCode: unit.productCode ?? null,
      productType: unit.productType ?? null,
      method: unit.method ?? null,
      parentUnitIds: [...new Set(parents)].sort(),
      preparedAt: unit.at ?? null,
      expiresAt: unit.expiresAt ?? null,
      lifecycle: lifecycleOf(unit),
      custodianSiteId: unit.custodianSiteId ?? null,
      consignees: from
        .filter((e) => e.kind === 'SHIPPED')
        .flatMap((e) => {
          const shipment = byId.get(e.to);
          if (!shipment?.toSiteId) return [];
          return [
            {
              siteId: shipment.toSiteId,
              shipmentId: shipment.key,
              shipmentType: shipment.shipmentType ?? null,
              dispatchedAt: e.at,
            },
          ];
        })
        .sort(byKey((c) => `${c.dispatchedAt}|${c.shipmentId}`)),
      recipients: from
        .filter((e) => e.kind === 'TRANSFUSED')
        .map((e) => ({
          unitId: unit.key,
          hospitalSiteId: e.hospitalSiteId ?? null,
          patientId: keyOf(e.to),
          redacted: false,
          startedAt: e.startedAt ?? e.at,
          endedAt: e.endedAt ?? null,
        }))
        .sort(byKey((r) => `${r.startedAt}|${r.patientId}`)),
    };
  }
}

const dinsOf = (view: InvestigationView, lineage: Lineage): string[] =>
  view.kind === 'RECALL'
    ? [
        ...new Set(
          lineage.nodes
            .filter((n) => n.kind === 'unit')
            .flatMap((u) => u.sourceDins ?? (u.din ? [u.din] : [])),
        ),
      ]
    : view.donations;

const donation = (din: string, node: LineageNode | undefined): ResultDonation => ({
  din,
  donorId: node?.donorId ?? null,
  collectedAt: node?.at ?? null,
  siteId: node?.siteId ?? null,
});
