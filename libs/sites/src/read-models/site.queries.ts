import { Inject, Injectable } from '@nestjs/common';
import type { Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { SiteType } from '../contracts/sites.contracts';
import { AllianceNotFound } from '../domain/alliance/alliance.errors';
import { SiteNotFound } from '../domain/site/site.errors';
import type { AllianceView, SiteView } from './sites.projection';
import { ALLIANCES, SITES } from './sites.projection';

@Injectable()
export class SiteQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async site(siteId: string): Promise<SiteView> {
    const view = await this.store.get<SiteView>(SITES, siteId);
    if (!view) throw new SiteNotFound(siteId);
    return view;
  }

  async sites(filter: { type?: SiteType; active?: boolean } = {}): Promise<SiteView[]> {
    const where: Filter = {};
    if (filter.type !== undefined) where.type = filter.type;
    if (filter.active !== undefined) where.active = filter.active;
    return this.store.find<SiteView>(SITES, where, { orderBy: { field: 'siteId' } });
  }

  async alliance(allianceId: string): Promise<AllianceView> {
    const view = await this.store.get<AllianceView>(ALLIANCES, allianceId);
    if (!view) throw new AllianceNotFound(allianceId);
    return view;
  }

  async alliances(): Promise<AllianceView[]> {
    return this.store.find<AllianceView>(ALLIANCES, {}, { orderBy: { field: 'allianceId' } });
  }
}
