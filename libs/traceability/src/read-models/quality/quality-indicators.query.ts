import { Inject, Injectable } from '@nestjs/common';
import type { Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Period } from '../findings/findings.query';
import type {
  CountedFact,
  CountedTransfer,
  DailyCounters,
  ShipmentTotals,
} from './quality-counters.projection';
import { COUNTED_FACTS, counterKeys, DAILY_COUNTERS, TRANSFERS } from './quality-counters.projection';
import { previousPeriod } from './report-period';

const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const growth = (now: number, before: number): number | null =>
  before > 0 ? Math.round(((now - before) / before) * 10_000) / 10_000 : null;

export interface TransferCounts extends ShipmentTotals {
  shipments: number;
}

export interface PartnerTransferCounts {
  partner: string;
  /** Received from the partner in the period (accepted units), at the business time of receipt. */
  in: TransferCounts;
  /** Dispatched to the partner in the period (every unit that left), at the business time of dispatch. */
  out: TransferCounts;
  /** Of `out`, what the partner has not received yet (as the transfers report counts it). */
  inTransit: TransferCounts;
}

export interface QualityIndicators extends Period {
  siteId: string | null;
  previousPeriod: Period;
  donations: { count: number; previous: number; growth: number | null };
  volumeMl: { total: number; previous: number; growth: number | null };
  groupDonationShare: number | null;
  plateletDosesCollected: number;
  redCellUnitsSupplied: number;
  discards: { total: number; rate: number | null; byReason: Record<string, number> };
  reactiveRateByMarker: Record<string, number | null>;
  collectionToReleaseHours: { average: number | null; releases: number };
  expiryWastage: { units: number; rate: number | null };
  transfers: PartnerTransferCounts[];
}

const DAY_MS = 86_400_000;
const startOfDay = (iso: string): number => Math.floor(Date.parse(iso) / DAY_MS) * DAY_MS;
const dayString = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const noTransfers = (): TransferCounts => ({ shipments: 0, units: 0, redCellUnits: 0, plateletDoses: 0 });
const plus = (a: TransferCounts, b: ShipmentTotals): TransferCounts => ({
  shipments: a.shipments + 1,
  units: a.units + b.units,
  redCellUnits: a.redCellUnits + b.redCellUnits,
  plateletDoses: a.plateletDoses + b.plateletDoses,
});

const addInto = (total: Record<string, number>, c: Record<string, number>) => {
  for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
};

/**
 * Indicators for a period [from, to) of instants and a site, on business time. The whole UTC days
 * inside the period come from daily counters and the part days at its ends from the facts
 * themselves, so the cost grows with days, not events, and a period may start at any instant.
 */
@Injectable()
export class QualityIndicatorQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  private async facts(from: string, to: string, siteId?: string): Promise<CountedFact[]> {
    if (from >= to) return [];
    const filter: Filter = { at: { $gte: from, $lt: to } };
    if (siteId) filter.siteId = siteId;
    return this.readModels.find<CountedFact>(COUNTED_FACTS, filter);
  }

  private async sum(period: Period, siteId?: string): Promise<Record<string, number>> {
    const firstWholeDay = startOfDay(period.from) + (Date.parse(period.from) % DAY_MS === 0 ? 0 : DAY_MS);
    const endOfWholeDays = startOfDay(period.to);
    const total: Record<string, number> = {};
    if (firstWholeDay >= endOfWholeDays) {
      for (const fact of await this.facts(period.from, period.to, siteId)) addInto(total, fact.c);
      return total;
    }
    const filter: Filter = { day: { $gte: dayString(firstWholeDay), $lt: dayString(endOfWholeDays) } };
    if (siteId) filter.siteId = siteId;
    const [days, head, tail] = await Promise.all([
      this.readModels.find<DailyCounters>(DAILY_COUNTERS, filter),
      this.facts(period.from, new Date(firstWholeDay).toISOString(), siteId),
      this.facts(new Date(endOfWholeDays).toISOString(), period.to, siteId),
    ]);
    for (const doc of [...days, ...head, ...tail]) addInto(total, doc.c);
    return total;
  }

  private async transfers(period: Period, siteId?: string): Promise<PartnerTransferCounts[]> {
    const range = { $gte: period.from, $lt: period.to };
    const [outgoing, incoming] = await Promise.all([
      this.readModels.find<CountedTransfer>(TRANSFERS, {
        ...(siteId ? { fromSiteId: siteId } : {}),
        dispatchedAt: range,
      }),
      this.readModels.find<CountedTransfer>(TRANSFERS, {
        ...(siteId ? { toSiteId: siteId } : {}),
        receivedAt: range,
      }),
    ]);
    const partners = new Map<string, PartnerTransferCounts>();
    const partner = (id: string) => {
      const entry = partners.get(id) ?? {
        partner: id,
        in: noTransfers(),
        out: noTransfers(),
        inTransit: noTransfers(),
      };
      partners.set(id, entry);
      return entry;
    };
    for (const t of outgoing) {
      const p = partner(t.toSiteId);
      p.out = plus(p.out, t.sent);
      if (t.receivedAt === null) p.inTransit = plus(p.inTransit, t.sent);
    }
    for (const t of incoming) {
      const p = partner(t.fromSiteId);
      p.in = plus(p.in, t.accepted ?? { units: 0, redCellUnits: 0, plateletDoses: 0 });
    }
    return [...partners.values()].sort((a, b) => (a.partner < b.partner ? -1 : 1));
  }

  async indicators(period: Period, siteId?: string): Promise<QualityIndicators> {
    const before = previousPeriod(period);
    const [c, p, transfers] = await Promise.all([
      this.sum(period, siteId),
      this.sum(before, siteId),
      this.transfers(period, siteId),
    ]);
    const get = (k: string, from = c) => from[k] ?? 0;
    const donations = get(counterKeys.donations);
    const prepared = get(counterKeys.unitsPrepared);
    const byReason = Object.fromEntries(
      Object.entries(c)
        .filter(([k]) => k.startsWith('discard:'))
        .map(([k, v]) => [k.slice('discard:'.length), v]),
    );
    const reactive = Object.fromEntries(
      Object.entries(c)
        .filter(([k]) => k.startsWith('reactive:'))
        .map(([k, v]) => [k.slice('reactive:'.length), ratio(v, get(counterKeys.donationsConcluded))]),
    );
    const releases = get(counterKeys.releases);
    const discarded = get(counterKeys.unitsDiscarded) + get(counterKeys.unitsExpired);
    return {
      ...period,
      siteId: siteId ?? null,
      previousPeriod: before,
      donations: {
        count: donations,
        previous: get(counterKeys.donations, p),
        growth: growth(donations, get(counterKeys.donations, p)),
      },
      volumeMl: {
        total: get(counterKeys.volumeMl),
        previous: get(counterKeys.volumeMl, p),
        growth: growth(get(counterKeys.volumeMl), get(counterKeys.volumeMl, p)),
      },
      groupDonationShare: ratio(get(counterKeys.groupDonations), donations),
      plateletDosesCollected: get(counterKeys.plateletDosesCollected),
      redCellUnitsSupplied: get(counterKeys.redCellUnitsSupplied),
      discards: { total: discarded, rate: ratio(discarded, prepared), byReason },
      reactiveRateByMarker: reactive,
      collectionToReleaseHours: {
        average: releases ? Math.round((get(counterKeys.releaseHoursSum) / releases) * 10) / 10 : null,
        releases,
      },
      expiryWastage: {
        units: get(counterKeys.unitsExpired),
        rate: ratio(get(counterKeys.unitsExpired), prepared),
      },
      transfers,
    };
  }
}
