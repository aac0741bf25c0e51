import { Inject, Injectable } from '@nestjs/common';
import type { Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Actor, Antigen, BloodGroup, Phenotype } from '@hemotrace/kernel';
import { addDays, phenotypeSatisfies } from '@hemotrace/kernel';
import { UnitNotFound } from '../domain/unit/unit.errors';
import type { DonationFacts } from './donation-facts.projection';
import { DONATIONS } from './donation-facts.projection';
import type { StoragePeriod, UnitView } from './units.projection';
import { STORAGE_PERIODS, UNITS } from './units.projection';

export interface InventoryQuery {
  siteId?: string;
  productType?: string;
  abo?: string;
  rhd?: string;
  status?: string;
  expiringWithinDays?: number;
  limit?: number;
  offset?: number;
}

/** Reads for staff, hospitals and other contexts. A hospital sees only the units it holds. */
@Injectable()
export class UnitQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async get(unitId: string, viewer?: Actor): Promise<UnitView> {
    const unit = await this.store.get<UnitView>(UNITS, unitId);
    if (!unit || (viewer?.role === 'hospital' && unit.siteId !== viewer.siteId))
      throw new UnitNotFound(unitId);
    return unit;
  }

  find(filter: Filter): Promise<UnitView[]> {
    return this.store.find<UnitView>(UNITS, filter);
  }

  donation(din: string): Promise<DonationFacts | null> {
    return this.store.get<DonationFacts>(DONATIONS, din);
  }

  async inventory(query: InventoryQuery, now: string, viewer: Actor): Promise<UnitView[]> {
    const siteId = viewer.role === 'hospital' ? viewer.siteId : query.siteId;
    const filter: Filter = {};
    if (siteId) filter.siteId = siteId;
    if (query.productType) filter.productType = query.productType;
    if (query.abo) filter.abo = query.abo;
    if (query.rhd) filter.rhd = query.rhd;
    filter.status = query.status ?? { $in: ['Quarantined', 'Released'] };
    if (query.expiringWithinDays !== undefined) {
      filter.expiresAt = { $gt: now, $lte: addDays(now, query.expiringWithinDays) };
    }
    return this.store.find<UnitView>(UNITS, filter, {
      orderBy: { field: 'expiresAt' },
      limit: query.limit ?? 500,
      offset: query.offset ?? 0,
    });
  }

  /** Rare-donor programme: frozen red cells in stock, typed negative for every antigen the patient has antibodies to. */
  async frozenRare(
    negativeFor: Antigen[],
    typed: Phenotype,
    siteId?: string,
    compatibleWith?: BloodGroup[],
  ): Promise<UnitView[]> {
    const filter: Filter = { productType: 'FROZEN_RED_CELLS', status: 'Released' };
    if (siteId) filter.siteId = siteId;
    const frozen = await this.store.find<UnitView>(UNITS, filter, { orderBy: { field: 'expiresAt' } });
    return frozen.filter(
      (u) =>
        u.phenotype !== undefined &&
        (compatibleWith === undefined || compatibleWith.some((g) => g.abo === u.abo && g.rhd === u.rhd)) &&
        phenotypeSatisfies(u.phenotype, negativeFor) &&
        Object.entries(typed).every(([antigen, result]) => u.phenotype?.[antigen as Antigen] === result),
    );
  }

  /** Units that were in the equipment at any time in [from, to]. */
  async storedDuring(equipmentKey: string, from: string, to: string): Promise<string[]> {
    const periods = await this.store.find<StoragePeriod>(STORAGE_PERIODS, {
      equipmentKey,
      from: { $lte: to },
    });
    return [...new Set(periods.filter((p) => p.to === null || p.to >= from).map((p) => p.unitId))];
  }
}
