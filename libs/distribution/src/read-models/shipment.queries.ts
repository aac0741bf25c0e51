import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { ShipmentNotFound } from '../domain/shipment/shipment.errors';
import type { PackedUnitView, ShipmentUnitView, ShipmentView } from './shipments.projection';
import { PACKED_UNITS, SHIPMENTS } from './shipments.projection';

export interface TransferTotals {
  shipments: number;
  redCellUnits: number;
  plateletDoses: number;
}

export interface PartnerTransfers {
  partnerSiteId: string;
  /** Received here in the period (accepted units), counted at the business time of receipt. */
  in: TransferTotals;
  /** Dispatched from here in the period (every unit that left), counted at the business time of dispatch. */
  out: TransferTotals;
  /** Of `out`, what the partner has not received yet. */
  inTransit: TransferTotals;
}

const empty = (): TransferTotals => ({ shipments: 0, redCellUnits: 0, plateletDoses: 0 });

/** Red cells in China are counted in units of 200 mL whole blood; a platelet unit without a dose count is one dose. */
const add = (
  totals: TransferTotals,
  units: ShipmentUnitView[],
  counted: (u: ShipmentUnitView) => boolean = (u) => u.accepted === true,
): TransferTotals => {
  const accepted = units.filter(counted);
  const redCells = accepted.filter((u) => u.category === 'RED_CELLS' || u.category === 'WHOLE_BLOOD');
  const platelets = accepted.filter((u) => u.category === 'PLATELETS');
  return {
    shipments: totals.shipments + 1,
    redCellUnits: totals.redCellUnits + redCells.reduce((s, u) => s + (u.bloodUnits ?? 1), 0),
    plateletDoses: totals.plateletDoses + platelets.reduce((s, u) => s + (u.plateletDoses ?? 1), 0),
  };
};

@Injectable()
export class ShipmentQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  /** A hospital sees only shipments addressed to it (others are 404 to it). */
  async get(shipmentId: string, viewer?: Actor): Promise<ShipmentView> {
    const view = await this.store.get<ShipmentView>(SHIPMENTS, shipmentId);
    if (!view || (viewer?.role === 'hospital' && view.toSiteId !== viewer.siteId)) {
      throw new ShipmentNotFound(shipmentId);
    }
    return view;
  }

  async packedIn(unitId: string): Promise<string | undefined> {
    return (await this.store.get<PackedUnitView>(PACKED_UNITS, unitId))?.shipmentId;
  }

  /**
   * Blood-center transfers in the period [from, to) (instants), per partner center: out when the box
   * left, in when it arrived (business times), and what left but has not arrived as in transit.
   */
  async transfers(siteId: string, from: string, to: string): Promise<PartnerTransfers[]> {
    const period = { $gte: from, $lt: to };
    const outgoing = await this.store.find<ShipmentView>(SHIPMENTS, {
      fromSiteId: siteId,
      'dispatch.at': period,
    });
    const incoming = await this.store.find<ShipmentView>(SHIPMENTS, { toSiteId: siteId, receivedAt: period });
    const partners = new Map<string, PartnerTransfers>();
    const partner = (id: string) => {
      const existing = partners.get(id) ?? {
        partnerSiteId: id,
        in: empty(),
        out: empty(),
        inTransit: empty(),
      };
      partners.set(id, existing);
      return existing;
    };
    const isTransfer = (s: ShipmentView) => s.type !== 'HOSPITAL_ISSUE';
    const everyUnit = () => true;
    for (const s of outgoing.filter(isTransfer)) {
      const p = partner(s.toSiteId);
      p.out = add(p.out, s.units, everyUnit);
      if (s.status !== 'Received') p.inTransit = add(p.inTransit, s.units, everyUnit);
    }
    for (const s of incoming.filter(isTransfer))
      partner(s.fromSiteId).in = add(partner(s.fromSiteId).in, s.units);
    return [...partners.values()].sort((a, b) => a.partnerSiteId.localeCompare(b.partnerSiteId));
  }
}
