import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type {
  DonationCompletedData,
  DonationQualifiedData,
  DonationRejectedData,
  ShipmentDispatchedData,
  ShipmentReceivedData,
  UnitDiscardedData,
  UnitExpiredData,
  UnitPackedData,
  UnitPreparedData,
  UnitReleasedData,
} from '../../upstream/upstream.contracts';
import { UPSTREAM } from '../../upstream/upstream.contracts';

/** Counters of one site on one (UTC) day; indicators for any period sum these, never the log. */
export interface DailyCounters {
  id: string;
  siteId: string;
  day: string;
  c: Record<string, number>;
}

export const DAILY_COUNTERS = 'trace_daily_counters';
const DONATION_TIMES = 'trace_counter_donations';
const UNIT_TIMES = 'trace_counter_units';
const PACKED = 'trace_counter_packed';

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
  transferOut: (partner: string, what: string) => `out:${partner}:${what}`,
  transferIn: (partner: string, what: string) => `in:${partner}:${what}`,
};

/**
 * Daily counters per site, for quality indicators: donations and volume, group donations,
 * platelet doses, red cells supplied, discards by reason, reactive markers, collection-to-release
 * hours, expiries and transfers per partner.
 */
export class QualityCountersProjection implements Projection {
  readonly name = 'traceability.quality-counters';
  readonly collections = [DAILY_COUNTERS, DONATION_TIMES, UNIT_TIMES, PACKED];
  readonly indexes = { [DAILY_COUNTERS]: [['siteId', 'day'], ['day']] };
  readonly handles = [
    UPSTREAM.donationCompleted,
    UPSTREAM.donationQualified,
    UPSTREAM.donationRejected,
    UPSTREAM.unitPrepared,
    UPSTREAM.unitReleased,
    UPSTREAM.unitDiscarded,
    UPSTREAM.unitExpired,
    UPSTREAM.unitPacked,
    UPSTREAM.shipmentDispatched,
    UPSTREAM.shipmentReceived,
  ];

  async apply(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    switch (event.type) {
      case UPSTREAM.donationCompleted: {
        const d = event.data as DonationCompletedData;
        tx.put(DONATION_TIMES, d.din, { id: d.din, collectedAt: d.endedAt });
        return this.add(tx, d.siteId, d.endedAt, {
          [counterKeys.donations]: 1,
          [counterKeys.volumeMl]: d.volumeMl,
          [counterKeys.groupDonations]: d.groupDonation ? 1 : 0,
          [counterKeys.plateletDosesCollected]: d.plateletDoses ?? 0,
        });
      }
      case UPSTREAM.donationQualified: {
        const d = event.data as DonationQualifiedData;
        return this.add(tx, event.actor.siteId, d.qualifiedAt, { [counterKeys.donationsConcluded]: 1 });
      }
      case UPSTREAM.donationRejected: {
        const d = event.data as DonationRejectedData;
        const counts: Record<string, number> = { [counterKeys.donationsConcluded]: 1 };
        for (const marker of d.reactiveMarkers) counts[counterKeys.reactive(marker)] = 1;
        return this.add(tx, event.actor.siteId, d.rejectedAt, counts);
      }
      case UPSTREAM.unitPrepared: {
        const d = event.data as UnitPreparedData;
        const donation = await tx.get<{ collectedAt: string }>(DONATION_TIMES, d.din);
        tx.put<UnitTimes>(UNIT_TIMES, d.unitId, {
          id: d.unitId,
          collectedAt: donation?.collectedAt,
          released: d.status === 'Released',
        });
        return this.add(tx, d.siteId, d.preparedAt, { [counterKeys.unitsPrepared]: 1 });
      }
      case UPSTREAM.unitReleased: {
        const d = event.data as UnitReleasedData;
        const unit = await tx.get<UnitTimes>(UNIT_TIMES, d.unitId);
        if (!unit || unit.released) return;
        tx.put<UnitTimes>(UNIT_TIMES, d.unitId, { ...unit, released: true });
        if (!unit.collectedAt) return;
        const hours = (Date.parse(d.releasedAt) - Date.parse(unit.collectedAt)) / 3_600_000;
        return this.add(tx, event.actor.siteId, d.releasedAt, {
          [counterKeys.releaseHoursSum]: hours,
          [counterKeys.releases]: 1,
        });
      }
      case UPSTREAM.unitDiscarded: {
        const d = event.data as UnitDiscardedData;
        return this.add(tx, event.actor.siteId, d.discardedAt, {
          [counterKeys.unitsDiscarded]: 1,
          [counterKeys.discard(d.reason)]: 1,
        });
      }
      case UPSTREAM.unitExpired: {
        const d = event.data as UnitExpiredData;
        return this.add(tx, event.actor.siteId, d.expiredAt, {
          [counterKeys.unitsExpired]: 1,
          [counterKeys.discard('EXPIRED')]: 1,
        });
      }
      case UPSTREAM.unitPacked: {
        const d = event.data as UnitPackedData & { category?: string };
        tx.put<PackedUnit>(PACKED, `${d.shipmentId}|${d.unitId}`, {
          id: `${d.shipmentId}|${d.unitId}`,
          productType: d.productType,
          category: d.category,
          bloodUnits: d.bloodUnits,
          plateletDoses: d.plateletDoses,
        });
        return;
      }
      case UPSTREAM.shipmentDispatched:
        return this.dispatched(event, tx);
      case UPSTREAM.shipmentReceived: {
        const d = event.data as ShipmentReceivedData;
        if (d.type === 'HOSPITAL_ISSUE') return;
        const accepted = d.units.filter((u) => u.accepted).map((u) => u.unitId);
        const totals = await this.totals(tx, d.shipmentId, accepted);
        return this.add(tx, d.toSiteId, d.receivedAt, {
          [counterKeys.transferIn(d.fromSiteId, 'units')]: accepted.length,
          [counterKeys.transferIn(d.fromSiteId, 'redCellUnits')]: totals.redCellUnits,
          [counterKeys.transferIn(d.fromSiteId, 'plateletDoses')]: totals.plateletDoses,
        });
      }
      default:
        return;
    }
  }

  private async dispatched(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as ShipmentDispatchedData;
    const totals = await this.totals(tx, d.shipmentId, d.unitIds);
    if (d.type === 'HOSPITAL_ISSUE') {
      return this.add(tx, d.fromSiteId, d.dispatchedAt, {
        [counterKeys.redCellUnitsSupplied]: totals.redCellUnits,
      });
    }
    return this.add(tx, d.fromSiteId, d.dispatchedAt, {
      [counterKeys.transferOut(d.toSiteId, 'units')]: d.unitIds.length,
      [counterKeys.transferOut(d.toSiteId, 'redCellUnits')]: totals.redCellUnits,
      [counterKeys.transferOut(d.toSiteId, 'plateletDoses')]: totals.plateletDoses,
    });
  }

  /** China counts red cells in units of 200 mL whole blood (bloodUnits); one per unit when not given. */
  private async totals(tx: DocumentWriter, shipmentId: string, unitIds: string[]) {
    let redCellUnits = 0;
    let plateletDoses = 0;
    for (const unitId of unitIds) {
      const packed = await tx.get<PackedUnit>(PACKED, `${shipmentId}|${unitId}`);
      if (!packed) continue;
      const kind = packed.category ?? packed.productType;
      if (kind === 'RED_CELLS' || RED_CELL_TYPES.test(kind)) redCellUnits += packed.bloodUnits ?? 1;
      if (kind === 'PLATELETS' || PLATELET_TYPES.test(kind)) plateletDoses += packed.plateletDoses ?? 1;
    }
    return { redCellUnits, plateletDoses };
  }

  private async add(
    tx: DocumentWriter,
    siteId: string,
    at: string,
    counts: Record<string, number>,
  ): Promise<void> {
    const day = dayOf(at);
    const id = `${siteId}|${day}`;
    const doc = (await tx.get<DailyCounters>(DAILY_COUNTERS, id)) ?? { id, siteId, day, c: {} };
    const c = { ...doc.c };
    for (const [key, value] of Object.entries(counts)) if (value) c[key] = (c[key] ?? 0) + value;
    tx.put<DailyCounters>(DAILY_COUNTERS, id, { ...doc, c });
  }
}
