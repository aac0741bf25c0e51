import { Inject, Injectable } from '@nestjs/common';
import type { Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Period } from '../findings/findings.query';
import type { DailyCounters } from './quality-counters.projection';
import { counterKeys, DAILY_COUNTERS } from './quality-counters.projection';

const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const growth = (now: number, before: number): number | null =>
  before > 0 ? Math.round(((now - before) / before) * 10_000) / 10_000 : null;

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
  transfers: { partner: string; in: Record<string, number>; out: Record<string, number> }[];
}

const DAY_MS = 86_400_000;

/** Indicators for a period and site, summed from the daily counters: cost grows with days, not events. */
@Injectable()
export class QualityIndicatorQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  private async sum(period: Period, siteId?: string): Promise<Record<string, number>> {
    const filter: Filter = { day: { $gte: period.from.slice(0, 10), $lt: period.to.slice(0, 10) } };
    if (siteId) filter.siteId = siteId;
    const days = await this.readModels.find<DailyCounters>(DAILY_COUNTERS, filter);
    const total: Record<string, number> = {};
    for (const doc of days) for (const [k, v] of Object.entries(doc.c)) total[k] = (total[k] ?? 0) + v;
    return total;
  }

  async indicators(period: Period, siteId?: string): Promise<QualityIndicators> {
    const length = Date.parse(period.to) - Date.parse(period.from);
    const previousPeriod = {
      from: new Date(Math.floor((Date.parse(period.from) - length) / DAY_MS) * DAY_MS).toISOString(),
      to: period.from,
    };
    const [c, p] = await Promise.all([this.sum(period, siteId), this.sum(previousPeriod, siteId)]);
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
    const partners = new Map<
      string,
      { partner: string; in: Record<string, number>; out: Record<string, number> }
    >();
    for (const [key, value] of Object.entries(c)) {
      const match = /^(in|out):(.+):([A-Za-z]+)$/.exec(key);
      if (!match) continue;
      const [, direction, partner, what] = match;
      const entry = partners.get(partner) ?? { partner, in: {}, out: {} };
      entry[direction as 'in' | 'out'][what] = value;
      partners.set(partner, entry);
    }
    const releases = get(counterKeys.releases);
    const discarded = get(counterKeys.unitsDiscarded) + get(counterKeys.unitsExpired);
    return {
      ...period,
      siteId: siteId ?? null,
      previousPeriod,
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
      transfers: [...partners.values()].sort((a, b) => (a.partner < b.partner ? -1 : 1)),
    };
  }
}
