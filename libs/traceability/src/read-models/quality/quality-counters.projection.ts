import type { DocumentWriter } from '@hemotrace/event-sourcing';
import type { ContractProjection, IntegrationEvent } from '@hemotrace/messaging';
import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import type {
  UnitDiscardedV1,
  UnitExpiredV1,
  UnitPreparedV1,
  UnitReleasedV1,
} from '@hemotrace/components/contracts';
import {
  UNIT_DISCARDED_V1,
  UNIT_EXPIRED_V1,
  UNIT_PREPARED_V1,
  UNIT_RELEASED_V1,
} from '@hemotrace/components/contracts';
import type {
  ShipmentDispatchedV1,
  ShipmentReceivedV1,
  UnitPackedV1,
} from '@hemotrace/distribution/contracts';
import {
  SHIPMENT_DISPATCHED_V1,
  SHIPMENT_RECEIVED_V1,
  UNIT_PACKED_V1,
} from '@hemotrace/distribution/contracts';
import type { DonationQualifiedV1, DonationRejectedV1 } from '@hemotrace/laboratory/contracts';
import { DONATION_QUALIFIED_V1, DONATION_REJECTED_V1 } from '@hemotrace/laboratory/contracts';

/** Counters of one site on one (UTC) day; a period sums the whole days it covers from these. */
export interface DailyCounters {
  id: string;
  siteId: string;
  day: string;
  c: Record<string, number>;
}

/** What one event counted, at its business time: a period sums these for the part days at its ends. */
export interface CountedFact {
  id: string;
  siteId: string;
  at: string;
  c: Record<string, number>;
}

export interface ShipmentTotals {
  units: number;
  redCellUnits: number;
  plateletDoses: number;
}

/** A transfer between blood centers: out at its dispatch, in at its receipt, in transit in between. */
export interface CountedTransfer {
  id: string;
  type: string;
  fromSiteId: string;
  toSiteId: string;
  dispatchedAt: string;
  /** Every unit that left. */
  sent: ShipmentTotals;
  receivedAt: string | null;
  /** The units the receiving center accepted. */
  accepted: ShipmentTotals | null;
}

export const DAILY_COUNTERS = 'trace_quality_daily';
export const COUNTED_FACTS = 'trace_quality_facts';
export const TRANSFERS = 'trace_quality_transfers';
const DONATION_TIMES = 'trace_quality_donations';
const UNIT_TIMES = 'trace_quality_units';
const PACKED = 'trace_quality_packed';

interface UnitTimes {
  id: string;
  collectedAt?: string;
  released: boolean;
}

interface PackedUnit {
  id: string;
  productType: string;
  category?: string;
  bloodUnits?: number;
  plateletDoses?: number;
}

const RED_CELL_TYPES = /RED_CELLS|WHOLE_BLOOD/;
const PLATELET_TYPES = /PLATELET/;

const dayOf = (iso: string): string => iso.slice(0, 10);

export const counterKeys = {
  donations: 'donations',
  volumeMl: 'volumeMl',
  groupDonations: 'groupDonations',
  plateletDosesCollected: 'plateletDosesCollected',
  unitsPrepared: 'unitsPrepared',
  redCellUnitsSupplied: 'redCellUnitsSupplied',
  unitsDiscarded: 'unitsDiscarded',
  unitsExpired: 'unitsExpired',
  donationsConcluded: 'donationsConcluded',
  releaseHoursSum: 'releaseHoursSum',
  releases: 'releases',
  discard: (reason: string) => `discard:${reason}`,
  reactive: (marker: string) => `reactive:${marker}`,
};

/**
 * Counters per site, for quality indicators, all at business time: donations and volume, group
 * donations, platelet doses, red cells supplied, discards by reason, reactive markers,
 * collection-to-release hours and expiries, by day and by fact; and each transfer between centers
 * with its dispatch and receipt. (v2: the v1 counters had whole days only and no transfer in transit;
 * the new name makes an existing store fold them from the start.)
 */
export class QualityCountersProjection implements ContractProjection {
  readonly name = 'traceability.quality-counters.v2';
  readonly contexts = ['collection', 'laboratory', 'components', 'distribution'] as const;
  readonly collections = [DAILY_COUNTERS, COUNTED_FACTS, TRANSFERS, DONATION_TIMES, UNIT_TIMES, PACKED];
  readonly indexes = {
    [DAILY_COUNTERS]: [['siteId', 'day'], ['day']],
    [COUNTED_FACTS]: [['siteId', 'at'], ['at']],
    [TRANSFERS]: [
      ['fromSiteId', 'dispatchedAt'],
      ['toSiteId', 'receivedAt'],
      ['dispatchedAt'],
      ['receivedAt'],
    ],
  };
  readonly types = [
    DONATION_COMPLETED_V1,
    DONATION_QUALIFIED_V1,
    DONATION_REJECTED_V1,
    UNIT_PREPARED_V1,
    UNIT_RELEASED_V1,
    UNIT_DISCARDED_V1,
    UNIT_EXPIRED_V1,
    UNIT_PACKED_V1,
    SHIPMENT_DISPATCHED_V1,
    SHIPMENT_RECEIVED_V1,
  ];

  async handle(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    switch (event.type) {
      case DONATION_COMPLETED_V1: {
        const d = event.data as DonationCompletedV1;
        tx.put(DONATION_TIMES, d.din, { id: d.din, collectedAt: d.endedAt });
        return this.add(tx, event, d.siteId, d.endedAt, {
          [counterKeys.donations]: 1,
          [counterKeys.volumeMl]: d.volumeMl,
          [counterKeys.groupDonations]: d.groupDonation ? 1 : 0,
          [counterKeys.plateletDosesCollected]: d.plateletDoses ?? 0,
        });
      }
      case DONATION_QUALIFIED_V1: {
        const d = event.data as DonationQualifiedV1;
        return this.add(tx, event, d.recordedAtSite, d.qualifiedAt, {
          [counterKeys.donationsConcluded]: 1,
        });
      }
      case DONATION_REJECTED_V1: {
        const d = event.data as DonationRejectedV1;
        const counts: Record<string, number> = { [counterKeys.donationsConcluded]: 1 };
        for (const marker of d.reactiveMarkers) counts[counterKeys.reactive(marker)] = 1;
        return this.add(tx, event, d.recordedAtSite, d.rejectedAt, counts);
      }
      case UNIT_PREPARED_V1: {
        const d = event.data as UnitPreparedV1;
        const donation = await tx.get<{ collectedAt: string }>(DONATION_TIMES, d.din);
        tx.put<UnitTimes>(UNIT_TIMES, d.unitId, {
          id: d.unitId,
          collectedAt: donation?.collectedAt,
          released: d.status === 'Released',
        });
        return this.add(tx, event, d.siteId, d.preparedAt, { [counterKeys.unitsPrepared]: 1 });
      }
      case UNIT_RELEASED_V1: {
        const d = event.data as UnitReleasedV1;
        const unit = await tx.get<UnitTimes>(UNIT_TIMES, d.unitId);
        if (!unit || unit.released) return;
        tx.put<UnitTimes>(UNIT_TIMES, d.unitId, { ...unit, released: true });
        if (!unit.collectedAt) return;
        const hours = (Date.parse(d.releasedAt) - Date.parse(unit.collectedAt)) / 3_600_000;
        return this.add(tx, event, d.recordedAtSite, d.releasedAt, {
          [counterKeys.releaseHoursSum]: hours,
          [counterKeys.releases]: 1,
        });
      }
      case UNIT_DISCARDED_V1: {
        const d = event.data as UnitDiscardedV1;
        return this.add(tx, event, d.recordedAtSite, d.discardedAt, {
          [counterKeys.unitsDiscarded]: 1,
          [counterKeys.discard(d.reason)]: 1,
        });
      }
      case UNIT_EXPIRED_V1: {
        const d = event.data as UnitExpiredV1;
        return this.add(tx, event, d.recordedAtSite, d.expiredAt, {
          [counterKeys.unitsExpired]: 1,
          [counterKeys.discard('EXPIRED')]: 1,
        });
      }
      case UNIT_PACKED_V1: {
        const d = event.data as UnitPackedV1;
        tx.put<PackedUnit>(PACKED, `${d.shipmentId}|${d.unitId}`, {
          id: `${d.shipmentId}|${d.unitId}`,
          productType: d.productType,
          category: d.category,
          bloodUnits: d.bloodUnits,
          plateletDoses: d.plateletDoses,
        });
        return;
      }
      case SHIPMENT_DISPATCHED_V1:
        return this.dispatched(event, tx);
      case SHIPMENT_RECEIVED_V1: {
        const d = event.data as ShipmentReceivedV1;
        const transfer = await tx.get<CountedTransfer>(TRANSFERS, d.shipmentId);
        if (!transfer || transfer.receivedAt !== null) return;
        const accepted = d.units.filter((u) => u.accepted).map((u) => u.unitId);
        tx.put<CountedTransfer>(TRANSFERS, d.shipmentId, {
          ...transfer,
          receivedAt: new Date(d.receivedAt).toISOString(),
          accepted: await this.totals(tx, d.shipmentId, accepted),
        });
        return;
      }
      default:
        return;
    }
  }

  private async dispatched(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as ShipmentDispatchedV1;
    const sent = await this.totals(tx, d.shipmentId, d.unitIds);
    if (d.type === 'HOSPITAL_ISSUE') {
      return this.add(tx, event, d.fromSiteId, d.dispatchedAt, {
        [counterKeys.redCellUnitsSupplied]: sent.redCellUnits,
      });
    }
    tx.put<CountedTransfer>(TRANSFERS, d.shipmentId, {
      id: d.shipmentId,
      type: d.type,
      fromSiteId: d.fromSiteId,
      toSiteId: d.toSiteId,
      dispatchedAt: new Date(d.dispatchedAt).toISOString(),
      sent,
      receivedAt: null,
      accepted: null,
    });
  }

  /** China counts red cells in units of 200 mL whole blood (bloodUnits); one per unit when not given. */
  private async totals(tx: DocumentWriter, shipmentId: string, unitIds: string[]): Promise<ShipmentTotals> {
    let redCellUnits = 0;
    let plateletDoses = 0;
    for (const unitId of unitIds) {
      const packed = await tx.get<PackedUnit>(PACKED, `${shipmentId}|${unitId}`);
      if (!packed) continue;
      const kind = packed.category ?? packed.productType;
      if (kind === 'RED_CELLS' || RED_CELL_TYPES.test(kind)) redCellUnits += packed.bloodUnits ?? 1;
      if (kind === 'PLATELETS' || PLATELET_TYPES.test(kind)) plateletDoses += packed.plateletDoses ?? 1;
    }
    return { units: unitIds.length, redCellUnits, plateletDoses };
  }

  private async add(
    tx: DocumentWriter,
    event: IntegrationEvent,
    siteId: string,
    at: string,
    counts: Record<string, number>,
  ): Promise<void> {
    const counted = Object.fromEntries(Object.entries(counts).filter(([, v]) => v));
    if (Object.keys(counted).length === 0) return;
    const instant = new Date(at).toISOString();
    const day = dayOf(instant);
    const id = `${siteId}|${day}`;
    const doc = (await tx.get<DailyCounters>(DAILY_COUNTERS, id)) ?? { id, siteId, day, c: {} };
    const c = { ...doc.c };
    for (const [key, value] of Object.entries(counted)) c[key] = (c[key] ?? 0) + value;
    tx.put<DailyCounters>(DAILY_COUNTERS, id, { ...doc, c });
    const factId = `${event.id}|${siteId}`;
    tx.put<CountedFact>(COUNTED_FACTS, factId, { id: factId, siteId, at: instant, c: counted });
  }
}
