import type { Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { SiteType } from '../contracts/sites.contracts';
import type { AllianceEvent } from '../domain/alliance/alliance.events';
import { ALLIANCE_EVENT_TYPES } from '../domain/alliance/alliance.events';
import type { SiteEvent } from '../domain/site/site.events';
import { SITE_EVENT_TYPES } from '../domain/site/site.events';

export const SITES = 'sites_sites';
export const ALLIANCES = 'sites_alliances';

export interface SiteView {
  siteId: string;
  name: string;
  type: SiteType;
  active: boolean;
  registeredAt: string;
  /** Business time of the latest change of name, type or status. */
  changedAt: string;
  /** Why it was last deactivated or reactivated. */
  statusReason: string | null;
}

export interface AllianceView {
  allianceId: string;
  name: string;
  members: string[];
  formedAt: string;
  changedAt: string;
}

/** Sites and alliances for listing; decisions read the streams themselves (SiteDirectory). */
export const sitesProjection: Projection = {
  name: 'sites.directory',
  collections: [SITES, ALLIANCES],
  indexes: { [SITES]: [['type', 'active']] },
  handles: [...SITE_EVENT_TYPES, ...ALLIANCE_EVENT_TYPES],
  async apply(recorded: RecordedEvent, tx) {
    const event = { type: recorded.type, data: recorded.data } as SiteEvent | AllianceEvent;
    switch (event.type) {
      case 'SiteRegistered': {
        const d = event.data;
        tx.put<SiteView>(SITES, d.siteId, {
          siteId: d.siteId,
          name: d.name,
          type: d.siteType,
          active: d.active,
          registeredAt: d.registeredAt,
          changedAt: d.registeredAt,
          statusReason: null,
        });
        return;
      }
      case 'SiteChanged':
      case 'SiteDeactivated':
      case 'SiteReactivated': {
        const site = await tx.get<SiteView>(SITES, event.data.siteId);
        if (!site) return;
        tx.put<SiteView>(
          SITES,
          site.siteId,
          event.type === 'SiteChanged'
            ? { ...site, name: event.data.name, type: event.data.siteType, changedAt: event.data.changedAt }
            : event.type === 'SiteDeactivated'
              ? {
                  ...site,
                  active: false,
                  changedAt: event.data.deactivatedAt,
                  statusReason: event.data.reason,
                }
              : {
                  ...site,
                  active: true,
                  changedAt: event.data.reactivatedAt,
                  statusReason: event.data.reason,
                },
        );
        return;
      }
      case 'AllianceFormed': {
        const d = event.data;
        tx.put<AllianceView>(ALLIANCES, d.allianceId, {
          allianceId: d.allianceId,
          name: d.name,
          members: d.members,
          formedAt: d.formedAt,
          changedAt: d.formedAt,
        });
        return;
      }
      case 'AllianceMemberJoined':
      case 'AllianceMemberLeft': {
        const alliance = await tx.get<AllianceView>(ALLIANCES, event.data.allianceId);
        if (!alliance) return;
        tx.put<AllianceView>(
          ALLIANCES,
          alliance.allianceId,
          event.type === 'AllianceMemberJoined'
            ? {
                ...alliance,
                members: [...alliance.members, event.data.siteId],
                changedAt: event.data.joinedAt,
              }
            : {
                ...alliance,
                members: alliance.members.filter((m) => m !== event.data.siteId),
                changedAt: event.data.leftAt,
              },
        );
        return;
      }
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};
